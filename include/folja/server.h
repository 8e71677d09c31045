/*
 * The HTTP server: a libmicrohttpd daemon with an internal thread pool, the request life
 * cycle (context, body accumulation, routing, authorisation, dispatch, logging, metrics) and
 * a graceful stop.  The database must be opened (db_open_global) before server_start.
 */
#ifndef FOLJA_SERVER_H
#define FOLJA_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/log.h"

#define SERVER_MAX_CORS 16

struct server_config {
	const char *listen;          /* "ADDR:PORT" ("[::1]:8080" for IPv6); port 0 = any */
	bool open_read;              /* reads without a token (closed intranet) */
	size_t max_body;             /* bytes; larger bodies get 413 */
	size_t max_import_body;      /* bytes of a streamed import; larger get 413 */
	size_t header_limit;         /* bytes of request line + headers per connection */
	unsigned timeout_s;          /* idle connection timeout */
	unsigned threads;            /* worker threads (handlers) */
	unsigned event_threads;      /* threads reading requests; 0: one per processor */
	unsigned max_connections;    /* in total */
	unsigned max_per_ip;         /* per client address */
	unsigned suppress_below;     /* small-number suppression threshold for anonymous reads */
	bool quiet;                  /* no request log (tests) */
	enum log_format log_format;  /* text or json lines */
	const char *cors_origins[SERVER_MAX_CORS]; /* allowed origins; borrowed */
	unsigned ncors;
};

/** The defaults of DESIGN.md: 127.0.0.1:8080, 8 MiB bodies, 256 MiB imports, 16 KiB headers,
 *  30 s timeout. */
void server_config_defaults(struct server_config *cfg);

struct server;

/** Starts listening; NULL on failure (logged).  @p cfg is copied, but the string
 *  cfg->listen is borrowed and must outlive the server. */
struct server *server_start(const struct server_config *cfg);
/** The port actually bound (useful with port 0). */
uint16_t server_port(const struct server *s);
/** Stops accepting, lets in-flight requests finish (up to 10 s), stops the threads, frees. */
void server_stop(struct server *s);
/** True when @p listen is a valid "ADDR:PORT" for server_config.listen. */
bool server_listen_valid(const char *listen);

#endif
