/*
 * CSV for spreadsheets: the Swedish Excel convention (UTF-8 with a byte-order mark, `;`
 * between fields, CRLF line ends, decimal comma), which opens correctly by double-click.
 */
#ifndef FOLJA_CSV_H
#define FOLJA_CSV_H

#include <jansson.h>
#include <stddef.h>

#include <stdbool.h>

#define CSV_MAX_COLUMNS 64
#define CSV_NAME_MAX 64

/* What the client asked of the CSV. */
struct csv_options {
	const char *columns;   /* "a,b,c": these columns in this order; NULL for all */
	bool swedish;          /* Swedish column headers where Följa has them */
};

/**
 * Writes @p rows (borrowed; an array of objects) as CSV: a header row from the first row's
 * keys in order (or @p opt's columns), then one line per row.  Strings are quoted when
 * needed, numbers use a decimal comma, null is empty, booleans are true/false, nested values
 * are written as compact JSON.  Returns a malloc'd string (caller frees) and its length in
 * *len; NULL on allocation failure, or when a column asked for is not one of the rows' (its
 * name is then in @p bad, which is "" otherwise).
 */
char *csv_write(json_t *rows, const struct csv_options *opt, size_t *len, char bad[CSV_NAME_MAX]);

/**
 * A computed reply (a summary, a report of counts, a tree) as CSV rows: a row of its totals
 * (its scalar fields), then a row per entry of each breakdown (a member holding an array of
 * objects), and below each entry the entries of its own "children", each row naming its
 * breakdown and depth in the first two columns.  The columns are the union of the rows'
 * scalar fields in the order first met; nested objects (explains) and arrays of scalars (ids)
 * are left out.  @p obj borrowed; a new reference, NULL when out of memory.
 */
json_t *csv_rows_of_object(const json_t *obj);

#endif
