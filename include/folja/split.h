/*
 * Splitting a body that arrives in pieces into whole records: the lines of a CSV file, or the
 * elements of a top-level JSON array.  An import reads its body this way as it arrives, so
 * its memory holds one record at a time, never the body.
 *
 * A splitter is fed the pieces in order and calls back once per complete record with that
 * record's bytes (a CSV record without its line end, quoted line breaks inside it kept; a
 * JSON element's text, ready for json_loadb).  The record's bytes are the splitter's and may
 * be changed by the callback (the CSV reader parses in place), valid for the call only.
 * Records longer than SPLIT_MAX_RECORD are an error, as is JSON that is not one array.
 */
#ifndef FOLJA_SPLIT_H
#define FOLJA_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#define SPLIT_MAX_RECORD (64u << 10)

enum split_kind { SPLIT_CSV, SPLIT_JSON_ARRAY };

/* Why a split failed, for the reply: a record too long is a size refusal, a malformed body
 * a syntax one. */
enum split_failure {
	SPLIT_FINE,        /* not failed */
	SPLIT_TOO_LONG,    /* a record reached SPLIT_MAX_RECORD */
	SPLIT_MALFORMED,   /* JSON: not one array, an element missing, text after it, not closed */
	SPLIT_NOMEM,       /* out of memory */
	SPLIT_STOPPED,     /* the callback returned false */
};

/* Called with each record; false stops the split (the callback has its reason). */
typedef bool (*split_fn)(void *ctx, char *record, size_t len);

struct splitter {
	enum split_kind kind;
	split_fn fn;
	void *ctx;
	char *buf;            /* owned: the record being gathered */
	size_t len, cap;
	size_t records;       /* records handed out so far */
	/* scanning state carried from one piece to the next */
	bool in_string;       /* inside "..." (CSV: a quoted field) */
	bool quote_seen;      /* CSV: a quote inside a quoted field, closing it or doubled */
	char sep;             /* CSV: the separator once known (split_csv_separator), else 0 */
	bool escaped;         /* JSON: after a backslash in a string */
	int depth;            /* JSON: nesting, 1 inside the top-level array */
	bool opened, closed;  /* JSON: the top-level [ was seen; its ] was seen */
	const char *error;    /* static; set when the split failed */
	enum split_failure failure;  /* which kind of failure error is */
};

/** Starts a splitter of @p kind calling @p fn(@p ctx, ...).  Nothing allocated yet. */
void split_init(struct splitter *s, enum split_kind kind, split_fn fn, void *ctx);
/** Tells a CSV splitter the separator, once the header has shown it: a quote then opens a
 *  field only after that one.  Before, after either ';' or ','. */
void split_csv_separator(struct splitter *s, char sep);
/** Feeds @p n bytes of @p data.  False on a malformed or oversized record (s->error says
 *  which, s->failure of what kind), when out of memory, or when the callback stopped it. */
bool split_feed(struct splitter *s, const char *data, size_t n);
/** Ends the body: hands out a last CSV record without a line end; checks that a JSON array
 *  was opened and closed.  False as split_feed. */
bool split_end(struct splitter *s);
/** Frees what the splitter holds.  Accepts NULL. */
void split_free(struct splitter *s);

#endif
