/*
 * Reading CSV as financial systems and spreadsheets export it, for imports.
 *
 * The reader takes a whole body in memory and splits it in place (quotes are removed and
 * doubled quotes collapsed inside the buffer, each field NUL-terminated), so a million-row
 * import costs one pass and no allocation per field.  Accepted: UTF-8 with or without a
 * byte-order mark; `;` or `,` between fields, detected from the header row (the one that
 * occurs there outside quotes; `;` when both do, as the Swedish Excel convention has it);
 * fields quoted with `"` (which may then hold separators, doubled quotes and line breaks);
 * LF or CRLF line ends; blank lines skipped.  Every row carries its line number, so an import
 * error can name the line a user sees in an editor.
 */
#ifndef FOLJA_CSV_READ_H
#define FOLJA_CSV_READ_H

#include <stdbool.h>
#include <stddef.h>

struct csv_reader {
	char *p;              /* next unread byte */
	char *end;            /* one past the last byte */
	char sep;             /* ';' or ',' */
	size_t line;          /* line number (1-based) where the last row read began */
	size_t next_line;     /* line number of p */
	const char *error;    /* static English sentence after csv_read_row() returned -1 */
};

/**
 * Starts reading @p len bytes at @p data (borrowed, modified in place, must stay alive while
 * rows are used): skips a BOM and detects the separator from the first line.
 */
void csv_read_open(struct csv_reader *r, char *data, size_t len);

/**
 * Reads the next non-blank row into @p fields (at most @p max; the strings point into the
 * buffer).  Returns 1 with *n set, 0 at the end, -1 on a malformed row (an unterminated
 * quote, text after a closing quote, more than @p max fields) with r->error and r->line set.
 */
int csv_read_row(struct csv_reader *r, char **fields, size_t max, size_t *n);

#endif
