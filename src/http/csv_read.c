/*
 * The CSV reader of include/folja/csv_read.h: one forward pass over a mutable buffer.  A
 * field is copied onto itself as it is read (a quoted field shrinks by its quotes), so the
 * write pointer never passes the read pointer and no memory is allocated.
 */
#include <string.h>

#include "folja/csv_read.h"

void csv_read_open(struct csv_reader *r, char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	r->p = data;
	r->end = data + len;
	r->next_line = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
	/* the header decides: count the candidates outside quotes on its first line */
	size_t semis = 0, commas = 0;
	bool quoted = false;
	for (const char *c = r->p; c < r->end && (quoted || (*c != '\n' && *c != '\r')); c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (!quoted && *c == ';')
			semis++;
		else if (!quoted && *c == ',')
			commas++;
	}
	r->sep = semis > 0 || commas == 0 ? ';' : ',';
}

/* Skips blank lines (LF or CRLF) at the read pointer. */
static void skip_blank(struct csv_reader *r)
{
	while (r->p < r->end) {
		if (*r->p == '\n') {
			r->p++;
			r->next_line++;
		} else if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n') {
			r->p += 2;
			r->next_line++;
		} else {
			break;
		}
	}
}

/* True when @p p (before r->end) ends a field: the separator, a newline, or CR before a
 * newline or the end. */
static bool at_field_end(const struct csv_reader *r, const char *p)
{
	return p >= r->end || *p == r->sep || *p == '\n' ||
	       (*p == '\r' && (p + 1 == r->end || p[1] == '\n'));
}

/* Reads a quoted field at r->p (on its opening quote) into @p w, doubled quotes undone.
 * Returns the end of what was written, or NULL with r->error set. */
static char *quoted_field(struct csv_reader *r, char *w)
{
	r->p++;
	for (;;) {
		if (r->p >= r->end) {
			r->error = "a quoted field is not closed";
			return NULL;
		}
		if (*r->p == '"') {
			if (r->p + 1 < r->end && r->p[1] == '"') {
				*w++ = '"';
				r->p += 2;
				continue;
			}
			r->p++;
			break;
		}
		if (*r->p == '\n')
			r->next_line++;
		*w++ = *r->p++;
	}
	if (!at_field_end(r, r->p)) {
		r->error = "text follows a closing quote";
		return NULL;
	}
	return w;
}

int csv_read_row(struct csv_reader *r, char **fields, size_t max, size_t *n)
{
	skip_blank(r);
	*n = 0;
	if (r->p >= r->end)
		return 0;
	r->line = r->next_line;
	for (;;) {
		if (*n == max) {
			r->error = "the row has more fields than the header";
			return -1;
		}
		char *w = r->p;
		fields[(*n)++] = w;
		if (r->p < r->end && *r->p == '"') {
			if (!(w = quoted_field(r, w)))
				return -1;
		} else {
			while (!at_field_end(r, r->p))
				*w++ = *r->p++;
		}
		/* the terminator decides, read before the NUL is written over it (w ≤ r->p) */
		char term = r->p < r->end ? *r->p : '\0';
		*w = '\0';
		if (term == r->sep) {
			r->p++;
			continue;
		}
		if (term == '\r')
			r->p++;
		if (r->p < r->end && (term == '\n' || *r->p == '\n')) {
			r->p++;
			r->next_line++;
		}
		return 1;
	}
}
