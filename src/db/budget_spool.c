/*
 * An import's budget lines packed in a spool file, read back in order by a walk or as rows
 * for SQL (see budget_spool.h).
 *
 * A line is a fixed record (its numbers and the numbers of its six codes, each the code's
 * number + 1, or 0 for none given) followed by the bytes of its two free texts, the decision
 * date and reference, whose lengths + 1 the record holds (0: none).
 */
#include <stdlib.h>
#include <string.h>

#include "budget_spool.h"

enum { C_ACTIVITY, C_ACCOUNT, C_PROJECT, C_MEASURE, C_LEDGER, C_BUDGET_KIND, C_CODES };
enum { T_DECIDED_ON, T_DECISION_REF, T_TEXTS };
_Static_assert(C_ACTIVITY == 0 && C_PROJECT + 1 == BUDGET_SPOOL_INTERNED,
	       "the caller interns the first codes, in this order");

struct packed_line {
	int64_t unit_id;
	int64_t amount_kr;
	uint32_t code[C_CODES];
	int16_t year;
	uint8_t month;          /* 0: an annual budget */
	uint8_t unused;
	uint16_t text_len[T_TEXTS];
};

/* A code's number + 1 into *out, or 0 for NULL. */
static bool pack_code(struct codes *c, const char *s, uint32_t *out)
{
	uint32_t id = 0;
	if (s && !codes_id(c, s, &id))
		return false;
	*out = s ? id + 1 : 0;
	return true;
}

enum db_rc budget_spool_add(struct budget_spool *b, const struct budget_line_in *l,
			    const uint32_t ids[BUDGET_SPOOL_INTERNED])
{
	struct packed_line p = {.unit_id = l->unit_id, .amount_kr = l->amount_kr,
				.year = (int16_t)l->year,
				.month = l->month == DB_NULL ? 0 : (uint8_t)l->month};
	const char *codes[C_CODES] = {l->activity, l->account, l->project, l->measure, l->ledger,
				      l->budget_kind};
	const char *texts[T_TEXTS] = {l->decided_on, l->decision_ref};
	size_t len[T_TEXTS] = {0};
	for (int i = 0; i < BUDGET_SPOOL_INTERNED; i++)   /* C_ACTIVITY .. C_PROJECT */
		p.code[i] = codes[i] ? ids[i] + 1 : 0;
	for (int i = BUDGET_SPOOL_INTERNED; i < C_CODES; i++)
		if (!pack_code(b->codes, codes[i], &p.code[i]))
			return DB_NOMEM;
	for (int i = 0; i < T_TEXTS; i++) {
		len[i] = texts[i] ? strlen(texts[i]) : 0;
		if (len[i] >= UINT16_MAX)
			return DB_INVALID;
		p.text_len[i] = texts[i] ? (uint16_t)(len[i] + 1) : 0;
	}
	enum db_rc rc = spool_append(&b->file, &p, sizeof p);
	for (int i = 0; rc == DB_OK && i < T_TEXTS; i++)
		rc = spool_append(&b->file, texts[i], len[i]);
	if (rc == DB_OK)
		b->lines++;
	return rc;
}

/* ==== reading back ========================================================================= */

/* A line read back: its record and its texts (NUL-terminated, owned). */
struct line_read {
	struct packed_line p;
	char *text[T_TEXTS];
	size_t cap[T_TEXTS];
};

/* Reads the next line into @p out: 1, 0 at the end, -1 on failure (a short or failed read,
 * out of memory). */
static int line_next(struct spool_reader *r, struct line_read *out)
{
	int got = spool_read(r, &out->p, sizeof out->p);
	for (int i = 0; got == 1 && i < T_TEXTS; i++) {
		size_t n = out->p.text_len[i] ? out->p.text_len[i] - 1u : 0;
		if (n + 1 > out->cap[i]) {
			char *t = realloc(out->text[i], n + 1);
			if (!t)
				return -1;
			out->text[i] = t;
			out->cap[i] = n + 1;
		}
		got = n ? spool_read(r, out->text[i], n) : 1;
		out->text[i][n] = '\0';
		if (got == 0)
			got = -1;   /* the file ends inside the line */
	}
	return got;
}

static void line_free(struct line_read *l)
{
	for (int i = 0; i < T_TEXTS; i++)
		free(l->text[i]);
}

enum db_rc budget_spool_each(struct budget_spool *b,
			     enum db_rc (*fn)(void *ctx, size_t n, int64_t unit_id,
					      int64_t year, int64_t month),
			     void *ctx)
{
	struct spool_reader r;
	struct line_read l = {0};
	enum db_rc rc = spool_reader_open(&r, &b->file);
	int got = 0;
	for (size_t n = 1; rc == DB_OK && (got = line_next(&r, &l)) == 1; n++)
		rc = fn(ctx, n, l.p.unit_id, l.p.year, l.p.month ? l.p.month : DB_NULL);
	if (rc == DB_OK && got < 0)
		rc = DB_IO;
	line_free(&l);
	spool_reader_close(&r);
	return rc;
}

/* ==== as rows for SQL ====================================================================== */

enum col { V_UNIT_ID, V_ACTIVITY, V_ACCOUNT, V_YEAR, V_MONTH, V_MEASURE, V_AMOUNT_KR, V_LEDGER,
	   V_PROJECT, V_BUDGET_KIND, V_DECIDED_ON, V_DECISION_REF };

struct scan {
	struct rows base;
	struct budget_spool *b;   /* borrowed */
	struct spool_reader r;    /* r.buf NULL: not open */
	struct line_read line;
};

static enum db_rc scan_rewind(struct rows *base)
{
	struct scan *s = (struct scan *)base;
	spool_reader_close(&s->r);
	return spool_reader_open(&s->r, &s->b->file);
}

static int scan_next(struct rows *base)
{
	struct scan *s = (struct scan *)base;
	return line_next(&s->r, &s->line);
}

static void result_code(struct rows_out *out, const struct scan *s, int which)
{
	uint32_t v = s->line.p.code[which];
	rows_text(out, v ? code_name(s->b->codes, v - 1) : NULL);
}

static void result_text(struct rows_out *out, const struct scan *s, int which)
{
	uint16_t len = s->line.p.text_len[which];
	if (len)
		rows_text_copy(out, s->line.text[which], len - 1u);
	else
		rows_null(out);
}

static void scan_column(struct rows *base, struct rows_out *out, int col)
{
	const struct scan *s = (const struct scan *)base;
	const struct packed_line *p = &s->line.p;
	static const int code_of[] = {[V_ACTIVITY] = C_ACTIVITY, [V_ACCOUNT] = C_ACCOUNT,
				      [V_MEASURE] = C_MEASURE, [V_LEDGER] = C_LEDGER,
				      [V_PROJECT] = C_PROJECT, [V_BUDGET_KIND] = C_BUDGET_KIND};
	switch (col) {
	case V_UNIT_ID: rows_int(out, p->unit_id); break;
	case V_YEAR: rows_int(out, p->year); break;
	case V_MONTH:
		if (p->month)
			rows_int(out, p->month);
		else
			rows_null(out);
		break;
	case V_AMOUNT_KR: rows_int(out, p->amount_kr); break;
	case V_DECIDED_ON: result_text(out, s, T_DECIDED_ON); break;
	case V_DECISION_REF: result_text(out, s, T_DECISION_REF); break;
	case V_ACTIVITY: case V_ACCOUNT: case V_MEASURE: case V_LEDGER: case V_PROJECT:
	case V_BUDGET_KIND: result_code(out, s, code_of[col]); break;
	default: rows_null(out); break;
	}
}

struct rows *budget_spool_rows(struct budget_spool *b)
{
	struct scan *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	*s = (struct scan){.base = {scan_rewind, scan_next, scan_column}, .b = b};
	return &s->base;
}

void budget_spool_rows_free(struct rows *r)
{
	struct scan *s = (struct scan *)r;
	if (!s)
		return;
	spool_reader_close(&s->r);
	line_free(&s->line);
	free(s);
}
