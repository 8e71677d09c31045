/*
 * The reports of the register of decisions not executed (see include/folja/ivo.h).
 *
 * Each report is one pass over the decisions with evb_reportable() at the cut-off; the
 * previous quarter's answer (new or carried over, resolved since) comes from the same rule
 * asked at the day before the period starts, so no report history is kept anywhere.
 */
#include <string.h>

#include "folja/ivo.h"
#include "folja/period.h"

void ivo_tally_add(struct ivo_tallies *t, const char *key, enum evb_kind kind)
{
	const char *k = key ? key : "";
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->items[i].key, k) == 0)
			break;
	if (i == t->n) {
		if (t->n == IVO_TALLY_MAX) {
			t->overflow++;
			return;
		}
		t->items[t->n++] = (struct ivo_tally){ .key = k };
	}
	t->items[i].count++;
	if (kind == EVB_AVBROTT)
		t->items[i].avbrott++;
	else
		t->items[i].beslut++;
}

static void totals_add(struct ivo_totals *t, const struct ivo_decision *d,
		       const struct ivo_row *row)
{
	enum evb_kind kind = row->st.kind;
	int bucket = evb_wait_bucket(row->st.months_waited);

	t->count++;
	if (kind == EVB_AVBROTT)
		t->avbrott++;
	else
		t->beslut++;
	t->at_risk += row->at_risk;
	ivo_tally_add(&t->by_insats, d->insats, kind);
	ivo_tally_add(&t->by_law, d->law, kind);
	ivo_tally_add(&t->by_gender, d->gender, kind);
	ivo_tally_add(&t->by_inriktning, d->inriktning, kind);
	if (bucket >= 0)
		t->by_wait[bucket]++;
}

void ivo_build(const struct ivo_decision *ds, size_t n, struct date first_day,
	       struct date cut_off, int horizon_days, struct ivo_row *rows, size_t *n_rows,
	       struct ivo_resolved *resolved, size_t *n_resolved, struct ivo_totals *totals)
{
	memset(totals, 0, sizeof *totals);
	*n_rows = 0;
	if (n_resolved)
		*n_resolved = 0;
	for (size_t i = 0; i < n; i++) {
		struct ivo_row row = { .index = i };
		struct evb_resolution res;

		if (evb_reportable(&ds[i].dates, cut_off, &row.st)) {
			row.status = evb_quarter_status(&row.st, first_day);
			row.at_risk = evb_over_horizon(&row.st, horizon_days);
			rows[(*n_rows)++] = row;
			totals_add(totals, &ds[i], &row);
		}
		if (resolved && evb_resolved_in(&ds[i].dates, first_day, cut_off, &res))
			resolved[(*n_resolved)++] = (struct ivo_resolved){ .index = i, .res = res };
	}
}

void ivo_year_build(const struct ivo_decision *ds, size_t n, int year, int horizon_days,
		    struct ivo_year *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	for (size_t i = 0; i < n; i++) {
		bool counted = false, risk = false;
		enum evb_kind first_kind = EVB_BESLUT;

		for (int q = 0; q < 4; q++) {
			struct date cut = period_last_day((struct period){PERIOD_QUARTER, year, q + 1});
			struct evb_status st;

			if (!evb_reportable(&ds[i].dates, cut, &st))
				continue;
			out->quarter_count[q]++;
			ivo_tally_add(&out->quarter_by_insats[q], ds[i].insats, st.kind);
			risk = risk || evb_over_horizon(&st, horizon_days);
			if (!counted)
				first_kind = st.kind;
			counted = true;
		}
		if (counted) {
			out->distinct++;
			out->at_risk += risk;
			ivo_tally_add(&out->by_insats, ds[i].insats, first_kind);
		}
	}
}
