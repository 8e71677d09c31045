/*
 * What the two sensitive registers (lex Sarah, decisions not executed) share on the HTTP
 * side: small-number suppression for anonymous reads, period and code query parameters, and
 * the check that a unit named by a filter exists.
 *
 * Small numbers: under --open-read a read without a token may see the registers' summaries,
 * and a count of one or two there could single out a person in a small municipality.  As
 * official statistics do, such counts are replaced by null and the object holding them is
 * marked "suppressed": true.  Zero is shown: it singles out nobody, and a report of "no
 * decisions waiting" is exactly what the council needs to read.
 */
#include <string.h>
#include <time.h>

#include "folja/api.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/server.h"

bool api_suppress_small(const struct req *r)
{
	const struct server_config *cfg = server_config();
	return r->caller.role == ROLE_NONE && cfg && cfg->open_read && cfg->suppress_below > 0;
}

bool api_count_set(json_t *obj, const char *key, int64_t n, bool suppress)
{
	const struct server_config *cfg = server_config();
	if (suppress && cfg && n > 0 && n < (int64_t)cfg->suppress_below) {
		json_object_set_new(obj, key, json_null());
		json_object_set_new(obj, "suppressed", json_true());
		return true;
	}
	json_object_set_new(obj, key, json_integer((json_int_t)n));
	return false;
}

bool api_period_or_reply(struct req *r, const char *name, bool quarter_only, struct period *out,
			 bool *present)
{
	const char *s = req_query(r, name);
	json_t *errors = NULL;

	*present = s != NULL;
	if (!s)
		return false;
	if (!period_parse(s, out)) {
		problem_field(&errors, name, "%s", period_error(s));
		reply_problem(r, 400, "invalid_period", errors, "%s is not a valid period: %s", name,
			      period_error(s));
		return true;
	}
	if (quarter_only && out->kind != PERIOD_QUARTER) {
		problem_field(&errors, name, "must be a quarter such as 2021-Q3");
		reply_problem(r, 400, "invalid_period", errors, "%s must be a quarter such as "
			      "2021-Q3", name);
		return true;
	}
	return false;
}

bool api_unit_filter_or_reply(struct req *r, struct db *db, int64_t *unit_id)
{
	json_t *unit = NULL;
	*unit_id = IN_NULL;
	if (req_query_int_or_reply(r, "unit_id", 1, INT64_MAX, unit_id))
		return true;
	if (*unit_id == IN_NULL)
		return false;
	enum db_rc rc = db_units_get(db, *unit_id, &unit);
	json_decref(unit);
	if (rc == DB_NOT_FOUND) {
		json_t *errors = NULL;
		problem_field(&errors, "unit_id", "names no unit");
		reply_problem(r, 400, "invalid_query", errors, "query parameter unit_id names no unit");
		return true;
	}
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		return true;
	}
	return false;
}

bool api_code_valid(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	return n > 0 && n <= 64 && code[0] >= 'a' && code[0] <= 'z' &&
	       strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

struct date api_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}
