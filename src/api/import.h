/*
 * What the streamed imports share (budget_import.c, statistics_import.c).  Private to
 * src/api/.
 *
 * An import's body is read as it arrives (folja/route.h, struct body_stream), never
 * gathered: a splitter (folja/split.h) hands out each CSV record or JSON array element, and
 * the import handles it at once, so memory holds one record, never the body.  A CSV record is
 * read into rows (folja/csv_read.h) under the header, the first row, whose separator the file
 * keeps; a JSON element is parsed on its own.  The body's SHA-256 is taken as it passes, for
 * the audit.  Row errors name their row and field; at most IMPORT_MAX_ERRORS are listed and
 * all are counted.  A body that cannot be read at all (malformed JSON, a record past 64 KiB,
 * an empty body) is refused with the reply that says so, the same for every import.
 *
 * A row that cannot be read as CSV (an unclosed quote) ends the reading, as a header with
 * errors does: what was read is judged and the import refused, the rest of the body is
 * passed over unread.
 *
 * The units rows may name are read once, when the upload opens (import_units.c): by id, by
 * code within a municipality (a code two municipalities share is settled by the row's
 * municipality_code or the token's scope, else the row is an error), or by the municipality
 * code a kommun carries.  Every unit a row names must lie in the token's scope.
 */
#ifndef FOLJA_API_IMPORT_H
#define FOLJA_API_IMPORT_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>

#include "folja/api.h"
#include "folja/split.h"

/* At most this many row errors are listed; the count says how many there were. */
#define IMPORT_MAX_ERRORS 100
/* The most fields a CSV row may have. */
#define IMPORT_MAX_FIELDS 32

/* What an import does with what is read.  Each returns false to stop the upload, after
 * recording its reply (a storage failure, out of memory). */
struct import_handlers {
	/** The CSV header's fields; false when it has errors (recorded with import_row_error). */
	bool (*header)(void *ctx, char **f, size_t n);
	/** CSV data row @p row (1-based) of @p n fields, parsed in place (valid for the call). */
	bool (*row)(void *ctx, size_t row, char **f, size_t n);
	/** JSON array element @p row (1-based), borrowed for the call. */
	bool (*element)(void *ctx, size_t row, json_t *v);
	/** A JSON body that is one object (borrowed), read whole up to --max-body; NULL when the
	 *  import takes none (the body must then be an array). */
	bool (*object)(void *ctx, json_t *obj);
	size_t max_fields;       /* of a CSV row, at most IMPORT_MAX_FIELDS */
	const char *takes;       /* the sentence of a 400 naming the JSON the import takes */
};

/* The reading of one import's body.  Embedded in the import's state. */
struct import_stream {
	struct req *r;                 /* borrowed: the request, set by each call (not by free) */
	const struct import_handlers *h;
	void *ctx;
	bool csv;                      /* text/csv; else JSON */
	bool dry_run;                  /* ?dry_run=true */
	bool stopped;                  /* reading ended (a row past reading, a bad header) */
	struct splitter split;         /* owns its record buffer */
	crypto_hash_sha256_state sha;  /* of the body as received */
	size_t bytes;                  /* of the body so far */
	enum { BODY_UNKNOWN, BODY_SPLIT, BODY_WHOLE } mode;  /* JSON: array or one object */
	char *whole;                   /* owned: the object read whole (BODY_WHOLE) */
	size_t whole_len;
	/* CSV */
	bool header_read;
	char sep;                      /* the header's separator */
	size_t line;                   /* the line where the next record begins */
	size_t rows;                   /* data rows or array elements read */
	/* errors */
	json_t *errors;                /* owned; NULL while there are none */
	size_t nerrors;
};

/** Starts reading the body of @p r (CSV for text/csv, else JSON) with @p h (static) and
 *  @p ctx, a dry run when @p dry_run (the route's query says).  Allocates nothing yet. */
void import_stream_init(struct import_stream *s, struct req *r, const struct import_handlers *h,
			void *ctx, bool dry_run);
/** The next @p n bytes of the body.  False after recording the reply (a body that cannot be
 *  read, or a handler's stop). */
bool import_stream_feed(struct import_stream *s, const char *data, size_t n);
/** The body is in: the last record.  True after recording the reply when the body cannot be
 *  read (empty, malformed, a handler's stop); a CSV without a header is a row error. */
bool import_stream_end_or_reply(struct import_stream *s);
/** The body's SHA-256 in hex (once, after the end). */
void import_stream_sha256(struct import_stream *s, char hex[API_SHA256_HEX]);
/** Frees what @p s holds.  Accepts NULL. */
void import_stream_free(struct import_stream *s);

/** Records an error of row @p row (1-based; 0 for the CSV header) in @p field. */
void import_row_error(struct import_stream *s, size_t row, const char *field, const char *fmt,
		      ...) __attribute__((format(printf, 4, 5)));
/** Records each {field, message} of @p errs (stolen, may be NULL) as errors of row @p row. */
void import_row_errors(struct import_stream *s, size_t row, json_t *errs);
/** Replies 422 invalid_rows with the errors and returns true when there are any. */
bool import_errors_or_reply(struct import_stream *s);
/** Replies the import's success: {dry_run, valid_rows, imported}, 200 for a dry run. */
void import_reply_done(struct import_stream *s, size_t rows);

/** A whole number in [@p min, @p max] written plainly (digits only); false otherwise. */
bool import_plain_int(const char *s, int64_t min, int64_t max, int64_t *out);

/* ---- the units rows may name (import_units.c) ---------------------------------------------- */

/* A unit as rows may name it. */
struct import_unit {
	int64_t id;
	char *code;          /* owned */
	char muni[5];        /* its municipality (its own code or its nearest ancestor's); "" none */
	char own[5];         /* the municipality code it carries itself (a kommun's); "" none */
};

/* Every unit, read when the upload opens.  Zeroed before loading; import_units_free(). */
struct import_units {
	struct import_unit *by_id;      /* owned, owns the codes; by id */
	struct import_unit **by_code;   /* owned array of pointers into by_id: by code, then
					   municipality */
	struct import_unit **by_own;    /* owned: those carrying a municipality code, by it */
	size_t n, nown, cap;
	bool oom;
};

/* How a unit a row names was found. */
enum unit_match {
	UNIT_FOUND,       /* one unit, in the token's scope */
	UNIT_UNKNOWN,     /* no unit has the id or code (the caller words the error) */
	UNIT_ELSEWHERE,   /* not in the municipality the row gives */
	UNIT_AMBIGUOUS,   /* units of several municipalities have the code, and neither the row
			     nor the token's scope says which */
	UNIT_OUTSIDE,     /* the unit lies outside the token's scope */
};

/** Loads every unit into @p u (zeroed); replies (503, out of memory) and returns true on
 *  failure. */
bool import_units_or_reply(struct req *r, struct db *db, struct import_units *u);
/** Frees what @p u holds.  Accepts NULL. */
void import_units_free(struct import_units *u);
/** Unit @p id, in municipality @p muni when not NULL, and in the token's scope. */
enum unit_match import_unit_id(const struct import_units *u, int64_t id, const char *muni);
/** The unit of code @p code (matched exactly) within municipality @p muni, or when NULL the
 *  one unit of that code in any municipality, or the one of them in the token's scope; *id
 *  its id (also for UNIT_OUTSIDE). */
enum unit_match import_unit_code(const struct import_units *u, const char *code,
				 const char *muni, int64_t *id);
/** The kommun unit that carries municipality code @p code, or NULL (scope unchecked). */
const struct import_unit *import_unit_kommun(const struct import_units *u, const char *code);
/** Records the row error in @p field of a unit not found as @p m says (UNIT_ELSEWHERE,
 *  UNIT_AMBIGUOUS, UNIT_OUTSIDE; nothing for the others): named by @p code (NULL when by id),
 *  asked in municipality @p muni, or unit @p id. */
void import_unit_error(struct import_stream *s, const struct import_units *u, size_t row,
		       const char *field, enum unit_match m, const char *code, const char *muni,
		       int64_t id);
/** A row's municipality_code @p v: *out is it, or NULL when empty; false after recording the
 *  row's error when it is not four digits. */
bool import_municipality(struct import_stream *s, size_t row, const char *v, const char **out);

#endif
