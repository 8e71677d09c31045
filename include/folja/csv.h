/*
 * CSV for spreadsheets: the Swedish Excel convention (UTF-8 with a byte-order mark, `;`
 * between fields, CRLF line ends, decimal comma), which opens correctly by double-click.
 */
#ifndef FOLJA_CSV_H
#define FOLJA_CSV_H

#include <jansson.h>
#include <stddef.h>

/**
 * Writes @p rows (borrowed; an array of objects) as CSV: a header row from the first row's
 * keys in order, then one line per row.  Strings are quoted when needed, numbers use a decimal
 * comma, null is empty, booleans are true/false, nested values are written as compact JSON.
 * Returns a malloc'd string (caller frees) and its length in *len; NULL on allocation failure.
 */
char *csv_from_rows(json_t *rows, size_t *len);

#endif
