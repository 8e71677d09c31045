/*
 * The request life cycle on top of libmicrohttpd.
 *
 * MHD calls on_request() several times per request, on the connection's event thread (one
 * per processor): first with only the headers (we create the context, route, authorise and
 * return, so the reply is queued on a later call and the connection stays keep-alive), then
 * once per chunk of body (accumulated up to the cap), then a final time with no data.  Then
 * what needs no query is answered at once (answered_at_once()); otherwise the connection is
 * suspended and the handler runs on the worker pool (folja/workers.h), which resumes it, and
 * MHD calls on_request() once more to queue the reply.  The context is freed in
 * on_completed(), which also writes the log line and the metrics, so every request is counted
 * exactly once whatever happened to it.
 *
 * A body larger than the cap is refused with 413 as soon as it is known to be too large
 * (Content-Length up front, or the running size), never truncated and never read to the end.
 */
#include <arpa/inet.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "folja/auth.h"
#include "folja/cache.h"
#include "folja/cors.h"
#include "folja/gzip.h"
#include "folja/http.h"
#include "folja/log.h"
#include "folja/memo.h"
#include "folja/metrics.h"
#include "folja/route.h"
#include "folja/scope.h"
#include "folja/server.h"
#include "folja/workers.h"

struct server {
	struct MHD_Daemon *daemon;
	struct workers *workers;     /* the handlers' threads, cfg.threads of them */
	struct server_config cfg;    /* a copy; cfg.listen borrowed from the caller */
};

/* A request whose body was larger than this is followed by malloc_trim(). */
#define TRIM_AFTER_BYTES (1u << 20)

static atomic_int in_flight;

void server_config_defaults(struct server_config *cfg)
{
	*cfg = (struct server_config){
		.listen = "127.0.0.1:8080",
		.max_body = 8u << 20,
		.max_import_body = 256u << 20,
		.header_limit = 16u << 10,
		.timeout_s = 30,
		.threads = 8,
		.max_connections = 1000,
		.max_per_ip = 200,
		.suppress_below = 3,
	};
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ==== checks on the headers ============================================================== */

/* True when the request's Content-Type is @p want (parameters such as charset ignored). */
static bool content_type_is(struct req *r, const char *want)
{
	const char *ct = req_header(r, "Content-Type");
	size_t n = strlen(want);
	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* True when a body follows the headers (a Content-Length above zero, or chunked). */
static bool body_announced(struct req *r)
{
	const char *cl = req_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
	return (cl && strtoull(cl, NULL, 10) > 0) ||
	       req_header(r, MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL;
}

static bool body_type_or_reply(struct req *r)
{
	if (r->route->body == BODY_NONE || !body_announced(r))
		return false;
	if (content_type_is(r, "application/json"))
		return false;
	bool csv_too = r->route->body == BODY_JSON_CSV || r->route->body == BODY_STREAM;
	if (csv_too && content_type_is(r, "text/csv"))
		return false;
	reply_problem(r, 415, "unsupported_media_type", NULL,
		      "this endpoint takes %s", csv_too ?
		      "application/json or text/csv" : "application/json");
	return true;
}

static bool route_or_reply(struct req *r)
{
	struct route_match m;
	const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
	router_match(method, r->url, &m, r->params, r->param_buf, sizeof r->param_buf);
	r->route = m.route;
	if (m.route)
		return false;
	if (m.path_known) {
		reply_problem(r, 405, "method_not_allowed", NULL, "%s is not allowed on %s",
			      r->method, r->url);
		reply_header(r, "Allow", m.allow);
	} else {
		reply_problem(r, 404, "not_found", NULL, "no such path: %s", r->url);
	}
	return true;
}

/* The body cap of @p r's route. */
static size_t body_cap(const struct req *r)
{
	return r->route->body == BODY_STREAM ? r->cfg->max_import_body : r->cfg->max_body;
}

/* 413 naming the cap, and the flag that raises it. */
static void too_large(struct req *r)
{
	reply_problem(r, 413, "body_too_large", NULL, "the body exceeds %zu bytes (raise it with "
		      "folja serve %s)", body_cap(r), r->route && r->route->body == BODY_STREAM ?
		      "--max-import-body" : "--max-body");
}

static bool size_or_reply(struct req *r)
{
	const char *cl = req_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (!cl || strtoull(cl, NULL, 10) <= body_cap(r))
		return false;
	too_large(r);
	return true;
}

/* Opens a streamed body's state once the headers have passed.  True when it refused. */
static bool stream_open_or_reply(struct req *r)
{
	if (r->route->body != BODY_STREAM)
		return false;
	const struct body_stream *bs = r->route->arg;
	r->stream = bs->open(r);
	if (!r->stream && !r->resp)
		reply_oom(r);
	return r->stream == NULL;
}

static bool params_or_reply(struct req *r)
{
	if (!r->too_many_params)
		return false;
	reply_problem(r, 400, "too_many_parameters", NULL, "the query has more than %d parameters",
		      QUERY_MAX_PARAMS);
	return true;
}

/* Everything that can be decided on the request line and headers, before any body is read:
 * the route (404, 405), the query's size, the declared body size (413), the token (401, 403),
 * the body's type (415) and the query (400, 406).  True when a refusal has been recorded. */
static bool check_headers(struct req *r)
{
	return route_or_reply(r) || params_or_reply(r) || size_or_reply(r) ||
	       auth_or_reply(r, r->route->access) || body_type_or_reply(r) ||
	       query_parse_or_reply(r, r->route->query, r->query) || scope_or_reply(r) ||
	       stream_open_or_reply(r);
}

/* Runs @p r's handler and makes sure there is a reply. */
static void run_handler(struct req *r)
{
	r->route->handler(r);
	if (r->route->memo)
		reply_header(r, "X-Folja-Cache", "miss");
	if (!r->resp)
		reply_problem(r, 500, "internal", NULL, "the handler gave no reply");
}

/* Whether @p r is a GET answered with an ETag (not a live route's). */
static bool conditional(const struct req *r)
{
	return strcmp(r->route->method, "GET") == 0 && !r->route->live;
}

/* A conditional GET's reply: the ETag on it (a resource's own version, or the computed one
 * in r->etag), 304 when that is the client's, and Cache-Control. */
static void conditional_end(struct req *r)
{
	if (r->status == 200) {
		const char *have = MHD_get_response_header(r->resp, MHD_HTTP_HEADER_ETAG);
		if (!have && r->etag[0])
			reply_header(r, MHD_HTTP_HEADER_ETAG, have = r->etag);
		if (have && cache_etag_matches(req_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH), have)) {
			char etag[CACHE_ETAG_MAX];
			snprintf(etag, sizeof etag, "%s", have);
			cache_not_modified(r, etag);
		}
	}
	reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "private, no-cache");
}

/* What the event thread answers itself: what reads no table (a refusal of the body, a
 * computed GET the client has: 304, its ETag read before the handler; a route answered at
 * once: health, metrics; a memoised reply), and a streamed body's end, whose stage belongs
 * to this thread's connection.  False for the handler's work. */
static bool answered_at_once(struct req *r)
{
	if (r->body_too_large) {
		too_large(r);
		return true;
	}
	if (r->stream) {
		const struct body_stream *bs = r->route->arg;
		void *state = r->stream;
		r->stream = NULL;
		bs->finish(r, state);
		if (!r->resp)
			reply_problem(r, 500, "internal", NULL, "the import gave no reply");
		return true;
	}
	bool get = conditional(r);
	if (get && !r->route->arg && cache_etag(r, r->etag) &&
	    cache_etag_matches(req_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH), r->etag)) {
		cache_not_modified(r, r->etag);
		reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "private, no-cache");
		return true;
	}
	if (r->route->at_once) {
		run_handler(r);
		return true;
	}
	if (!r->route->memo || !memo_reply(r))
		return false;
	if (get)
		conditional_end(r);
	return true;
}

/* The handler's turn on a worker: in a read snapshot of the worker's connection for a GET,
 * with the request's scope; then the connection goes back to its event thread, which queues
 * the reply.  Nothing of @p w's request is touched after that. */
static void handle(struct work *w)
{
	struct req *r = (struct req *)(void *)((char *)w - offsetof(struct req, work));
	struct MHD_Connection *con = r->con;
	bool get = conditional(r);
	scope_enter(r);
	if (strcmp(r->route->method, "GET") == 0)
		db_snapshot_begin(r);
	run_handler(r);
	if (get)
		conditional_end(r);
	if (db_snapshot_owner() == r)
		db_snapshot_end();
	scope_leave();
	MHD_resume_connection(con);
}

/* Runs the request once the body is in: at once, or on the pool with its connection
 * suspended until the reply is made.  True when the reply is there to queue. */
static bool dispatch(struct server *s, struct req *r)
{
	if (answered_at_once(r))
		return true;
	if (db_snapshot_owner() == r)
		db_snapshot_end();   /* the handler reads in the worker's own */
	r->handed = true;
	r->work.run = handle;
	MHD_suspend_connection(r->con);
	workers_run(s->workers, &r->work);
	return false;
}

/* ==== MHD callbacks ======================================================================= */

static enum MHD_Result queue(struct req *r)
{
	cors_headers(r);
	enum MHD_Result ret = MHD_queue_response(r->con, r->status, r->resp);
	MHD_destroy_response(r->resp);
	r->resp = NULL;
	r->queued = true;
	return ret;
}

/* The body of a request already refused, or of a route that takes none: dropped as it comes,
 * never buffered.  A client that goes on past twice the cap is cut off. */
static enum MHD_Result discard_body(struct req *r, size_t n)
{
	if (!r->body_too_large && r->body) {
		free(r->body);
		r->body = NULL;
		r->body_len = 0;
	}
	r->body_too_large = r->body_too_large || r->route->body != BODY_NONE;
	r->discarded += n;
	return r->discarded > 2 * body_cap(r) ? MHD_NO : MHD_YES;
}

/* Ends a streamed body's state without its finish (a refusal, the client gone). */
static void stream_abort(struct req *r)
{
	if (!r->stream)
		return;
	const struct body_stream *bs = r->route->arg;
	bs->abort(r->stream);
	r->stream = NULL;
}

/* A piece of a streamed body: handed on while it is within the cap and accepted. */
static enum MHD_Result stream_piece(struct req *r, const char *data, size_t n)
{
	const struct body_stream *bs = r->route->arg;
	if (r->streamed + n > r->cfg->max_import_body) {
		stream_abort(r);
		return discard_body(r, n);   /* 413 at the end */
	}
	r->streamed += n;
	if (!bs->write(r, r->stream, data, n)) {
		stream_abort(r);
		if (!r->resp)
			reply_oom(r);
		return discard_body(r, n);
	}
	return MHD_YES;
}

static bool append_body(struct req *r, const char *data, size_t n)
{
	if (r->body_len + n > r->cfg->max_body)
		return false;
	char *grown = realloc(r->body, r->body_len + n + 1);
	if (!grown)
		return false;
	memcpy(grown + r->body_len, data, n);
	r->body = grown;
	r->body_len += n;
	r->body[r->body_len] = '\0';
	return true;
}

/*
 * Each thread keeps the last request it let go of, for the next it is handed: a struct req
 * is a few KiB, past what glibc keeps per thread, and allocating one took the arena's lock
 * and consolidated its free lists on every request.  The spare is freed when its thread
 * ends.
 */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spare_init(void)
{
	if (pthread_key_create(&spare_key, free) != 0)
		abort();
}

static struct req *req_alloc(void)
{
	pthread_once(&spare_once, spare_init);
	struct req *r = pthread_getspecific(spare_key);
	if (!r)
		return calloc(1, sizeof *r);
	pthread_setspecific(spare_key, NULL);
	memset(r, 0, sizeof *r);
	return r;
}

/* Lets go of @p r (its members already freed), keeping it as the thread's spare. */
static void req_release(struct req *r)
{
	if (pthread_getspecific(spare_key) || pthread_setspecific(spare_key, r) != 0)
		free(r);
}

static struct req *req_new(struct server *s, struct MHD_Connection *con)
{
	struct req *r = req_alloc();
	if (!r)
		return NULL;
	r->con = con;
	r->cfg = &s->cfg;
	r->started_ns = now_ns();
	atomic_fetch_add(&in_flight, 1);
	return r;
}

/*
 * MHD calls this with the request line's URI before it parses the query into the
 * connection's memory pool; what it returns becomes the request's context.  A query of
 * thousands of parameters exhausts that pool, and MHD 0.9.75 then leaves the connection
 * hanging instead of answering 431.  Such a query is refused anyway (400 too_many_parameters),
 * so it is cut off here, in MHD's own buffer, before MHD parses it.
 */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
	struct req *r = req_new(cls, con);
	char *q = strchr(uri, '?');
	if (!r || !q)
		return r;
	size_t n = 1;
	for (const char *p = q + 1; *p; p++)
		n += *p == '&';
	if (n > QUERY_MAX_PARAMS) {
		r->too_many_params = true;
		q[1] = '\0';
	}
	return r;
}

/* One call of MHD on request @p r: its headers, a piece of its body, or its end. */
static enum MHD_Result on_request_call(struct server *s, struct req *r, const char *url,
				       const char *method, const char *upload_data,
				       size_t *upload_data_size)
{
	if (r->queued)
		return MHD_YES;
	if (!r->checked) {
		/* First call: the headers only.  A refusal is queued at once when a body is on its
		 * way (so none of it is read); otherwise on the next call, which keeps the
		 * connection alive. */
		r->checked = true;
		r->url = url;
		r->method = method;
		r->gzip = gzip_accepted(req_header(r, MHD_HTTP_HEADER_ACCEPT_ENCODING));
		cors_check(r);
		if (strcmp(method, "OPTIONS") == 0) {
			cors_preflight(r);
			return body_announced(r) ? queue(r) : MHD_YES;
		}
		if (check_headers(r) && body_announced(r))
			return queue(r);
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (r->stream && !r->status)
			return stream_piece(r, upload_data, n);
		if (r->status || r->route->body == BODY_NONE || r->body_too_large ||
		    !append_body(r, upload_data, n))
			return discard_body(r, n);
		return MHD_YES;
	}
	if (r->handed)
		return queue(r);   /* resumed: the worker made the reply */
	if (!r->status && !dispatch(s, r))
		return MHD_YES;
	if (db_snapshot_owner() == r)
		db_snapshot_end();
	return queue(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	struct req *r = *con_cls;
	(void)version;
	if (!r && !(r = *con_cls = req_new(cls, con)))
		return MHD_NO;
	/* A scoped token's subtree is the thread's for this call only: the next call on this
	 * thread may be another request's.  So may the read snapshot that is open. */
	if (db_snapshot_owner() && db_snapshot_owner() != r)
		db_snapshot_end();
	scope_enter(r);
	enum MHD_Result ret = on_request_call(cls, r, url, method, upload_data, upload_data_size);
	scope_leave();
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;
	if (!r)
		return;
	/* the request's own snapshot, or one another request left open between its calls:
	 * freeing this one may write (an upload's staged rows are dropped) */
	if (db_snapshot_owner())
		db_snapshot_end();
	uint64_t took = now_ns() - r->started_ns;
	metrics_record(r->route, r->status, took);
	if (!r->cfg->quiet)
		log_request(&(struct log_entry){
			.method = r->method, .path = r->url, .status = r->status, .ms = took / 1e6,
			.token_id = r->caller.token_id, .token_name = r->caller.name,
			.aborted = toe != MHD_REQUEST_TERMINATED_COMPLETED_OK});
	stream_abort(r);
	if (r->resp)
		MHD_destroy_response(r->resp);
	/* glibc keeps freed memory in the worker's arena; after a large body (and the JSON made
	 * of it) it is given back, so one big request does not leave the process big. */
	bool big = r->body_len + r->discarded + r->streamed > TRIM_AFTER_BYTES;
	free(r->body);
	free(r->memo_key);
	scope_free(r);
	req_release(r);
	if (big)
		malloc_trim(0);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

/* ==== start and stop ====================================================================== */

/* Parses "ADDR:PORT" or "[ADDR6]:PORT" into @p ss.  False on a malformed address. */
static bool parse_listen(const char *s, struct sockaddr_storage *ss)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof host)
		return false;
	char *end;
	unsigned long port = strtoul(colon + 1, &end, 10);
	if (*end || colon[1] == '\0' || port > 65535)
		return false;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	memset(ss, 0, sizeof *ss);
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
		host[strlen(host) - 1] = '\0';
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		return inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1;
	}
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	a4->sin_family = AF_INET;
	a4->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, host, &a4->sin_addr) == 1;
}

bool server_listen_valid(const char *listen)
{
	struct sockaddr_storage ss;
	return parse_listen(listen, &ss);
}

struct server *server_start(const struct server_config *cfg)
{
	struct sockaddr_storage ss;
	if (!parse_listen(cfg->listen, &ss)) {
		fprintf(stderr, "folja: bad listen address %s\n", cfg->listen);
		return NULL;
	}
	struct server *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->cfg = *cfg;
	auth_cache_clear();
	memo_clear();
	if (!cfg->quiet)
		log_start(cfg->log_format, STDERR_FILENO);
	db_checkpointer_start();   /* else each commit past the mark checkpoints, as by default */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned events = cfg->event_threads ? cfg->event_threads :
			  cpus < 1 ? 1 : cpus > 64 ? 64 : (unsigned)cpus;
	if (!(s->workers = workers_start(cfg->threads ? cfg->threads : 1))) {
		free(s);
		return NULL;
	}
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, events,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout_s,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_per_ip,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->header_limit,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
		MHD_OPTION_END);
	if (!s->daemon) {
		workers_stop(s->workers);
		db_checkpointer_stop();
		log_stop();
		fprintf(stderr, "folja: cannot listen on %s\n", cfg->listen);
		free(s);
		return NULL;
	}
	return s;
}

uint16_t server_port(const struct server *s)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	return info ? info->port : 0;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	MHD_socket fd = MHD_quiesce_daemon(s->daemon);
	/* In-flight requests finish; idle keep-alive connections are closed by the stop. */
	for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++)
		usleep(10000);
	workers_stop(s->workers);   /* what was handed over is answered: none stays suspended */
	MHD_stop_daemon(s->daemon);
	db_checkpointer_stop();
	memo_clear();
	log_stop();
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	free(s);
}
