/*
 * An import's budget lines packed in a spool file, and folja_budget_spool(), the eponymous
 * virtual table that reads them back in order (see budget_spool.h).
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

enum db_rc budget_spool_add(struct budget_spool *b, const struct budget_line_in *l)
{
	struct packed_line p = {.unit_id = l->unit_id, .amount_kr = l->amount_kr,
				.year = (int16_t)l->year,
				.month = l->month == DB_NULL ? 0 : (uint8_t)l->month};
	const char *codes[C_CODES] = {l->activity, l->account, l->project, l->measure, l->ledger,
				      l->budget_kind};
	const char *texts[T_TEXTS] = {l->decided_on, l->decision_ref};
	size_t len[T_TEXTS] = {0};
	for (int i = 0; i < C_CODES; i++)
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

/* ==== the table-valued function ============================================================ */

static const char spool_pointer_type[] = "folja_budget_spool";

enum col { V_UNIT_ID, V_ACTIVITY, V_ACCOUNT, V_YEAR, V_MONTH, V_MEASURE, V_AMOUNT_KR, V_LEDGER,
	   V_PROJECT, V_BUDGET_KIND, V_DECIDED_ON, V_DECISION_REF, V_SPOOL };

struct cursor {
	sqlite3_vtab_cursor base;
	struct budget_spool *b;   /* borrowed from the statement's binding */
	struct spool_reader r;
	struct line_read line;
	int64_t n;                /* the line's number, from 1 */
	bool eof;
};

static int v_connect(sqlite3 *h, void *aux, int argc, const char *const *argv,
		     sqlite3_vtab **out, char **err)
{
	(void)aux, (void)argc, (void)argv, (void)err;
	int rc = sqlite3_declare_vtab(h, "CREATE TABLE x(unit_id, activity, account, year, month,"
				      " measure, amount_kr, ledger, project, budget_kind,"
				      " decided_on, decision_ref, spool HIDDEN)");
	if (rc != SQLITE_OK)
		return rc;
	*out = sqlite3_malloc(sizeof **out);
	if (!*out)
		return SQLITE_NOMEM;
	memset(*out, 0, sizeof **out);
	return SQLITE_OK;
}

static int v_disconnect(sqlite3_vtab *v)
{
	sqlite3_free(v);
	return SQLITE_OK;
}

/* The spool argument must be given (an equality on the hidden column): it is the only plan. */
static int v_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
	(void)v;
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		if (c->iColumn == V_SPOOL && c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->usable) {
			info->aConstraintUsage[i].argvIndex = 1;
			info->aConstraintUsage[i].omit = 1;
			info->estimatedCost = 1;
			info->orderByConsumed = info->nOrderBy == 1 &&
						info->aOrderBy[0].iColumn == -1 &&
						!info->aOrderBy[0].desc;
			return SQLITE_OK;
		}
	}
	return SQLITE_CONSTRAINT;
}

static int v_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
	(void)v;
	struct cursor *c = calloc(1, sizeof *c);
	if (!c)
		return SQLITE_NOMEM;
	c->eof = true;
	*out = &c->base;
	return SQLITE_OK;
}

static int v_close(sqlite3_vtab_cursor *base)
{
	struct cursor *c = (struct cursor *)base;
	spool_reader_close(&c->r);
	line_free(&c->line);
	free(c);
	return SQLITE_OK;
}

static int v_next(sqlite3_vtab_cursor *base)
{
	struct cursor *c = (struct cursor *)base;
	int got = line_next(&c->r, &c->line);
	c->eof = got != 1;
	c->n++;
	return got < 0 ? SQLITE_IOERR : SQLITE_OK;
}

static int v_filter(sqlite3_vtab_cursor *base, int idx, const char *idx_str, int argc,
		    sqlite3_value **argv)
{
	(void)idx, (void)idx_str;
	struct cursor *c = (struct cursor *)base;
	spool_reader_close(&c->r);
	c->n = 0;
	c->eof = true;
	c->b = argc == 1 ? sqlite3_value_pointer(argv[0], spool_pointer_type) : NULL;
	if (!c->b)
		return SQLITE_OK;   /* no spool bound: no rows */
	if (spool_reader_open(&c->r, &c->b->file) != DB_OK)
		return SQLITE_NOMEM;
	return v_next(base);
}

static int v_eof(sqlite3_vtab_cursor *base)
{
	return ((struct cursor *)base)->eof;
}

static void result_code(sqlite3_context *ctx, const struct cursor *c, int which)
{
	uint32_t v = c->line.p.code[which];
	if (v)
		sqlite3_result_text(ctx, code_name(c->b->codes, v - 1), -1, SQLITE_STATIC);
	else
		sqlite3_result_null(ctx);
}

static int v_column(sqlite3_vtab_cursor *base, sqlite3_context *ctx, int col)
{
	const struct cursor *c = (const struct cursor *)base;
	const struct packed_line *p = &c->line.p;
	static const int code_of[] = {[V_ACTIVITY] = C_ACTIVITY, [V_ACCOUNT] = C_ACCOUNT,
				      [V_MEASURE] = C_MEASURE, [V_LEDGER] = C_LEDGER,
				      [V_PROJECT] = C_PROJECT, [V_BUDGET_KIND] = C_BUDGET_KIND};
	switch (col) {
	case V_UNIT_ID: sqlite3_result_int64(ctx, p->unit_id); break;
	case V_YEAR: sqlite3_result_int(ctx, p->year); break;
	case V_MONTH:
		if (p->month)
			sqlite3_result_int(ctx, p->month);
		else
			sqlite3_result_null(ctx);
		break;
	case V_AMOUNT_KR: sqlite3_result_int64(ctx, p->amount_kr); break;
	case V_DECIDED_ON:
	case V_DECISION_REF: {
		int t = col == V_DECIDED_ON ? T_DECIDED_ON : T_DECISION_REF;
		if (p->text_len[t])
			sqlite3_result_text(ctx, c->line.text[t], p->text_len[t] - 1,
					    SQLITE_TRANSIENT);
		else
			sqlite3_result_null(ctx);
		break;
	}
	case V_SPOOL: sqlite3_result_null(ctx); break;
	default: result_code(ctx, c, code_of[col]); break;
	}
	return SQLITE_OK;
}

static int v_rowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid)
{
	*rowid = ((const struct cursor *)base)->n;
	return SQLITE_OK;
}

static const sqlite3_module spool_module = {
	.xConnect = v_connect,
	.xBestIndex = v_best_index,
	.xDisconnect = v_disconnect,
	.xOpen = v_open,
	.xClose = v_close,
	.xFilter = v_filter,
	.xNext = v_next,
	.xEof = v_eof,
	.xColumn = v_column,
	.xRowid = v_rowid,
};

void budget_spool_bind(sqlite3_stmt *st, int i, struct budget_spool *b)
{
	sqlite3_bind_pointer(st, i, b, spool_pointer_type, NULL);
}

int budget_spool_register(sqlite3 *h)
{
	return sqlite3_create_module(h, "folja_budget_spool", &spool_module, NULL);
}
