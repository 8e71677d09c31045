/*
 * /api/v1/decisions — the register of favourable decisions not executed in time (ej
 * verkställda beslut, SoL 16 kap. 6 f §, LSS 28 f §), and the three reports made from it:
 * the quarterly report to IVO (detail, sensitive), the de-identified statistics for
 * kommunfullmäktige and the auditors, and the year's summary per insats and quarter.
 *
 * The register holds no personnummer and no names: IVO's individual report is made from the
 * case system; Följa holds the follow-up.  The three-month rule is applied by
 * src/domain/evb.c and the reports are counted by src/domain/ivo.c; this file validates and
 * stores a decision, and decisions_reports.c loads and shapes the reports.
 *
 * A decision's interruptions are a list `interruptions: [{interrupted_on, resumed_on}]` in
 * date order, so every interruption and resumption is kept and a past quarter's report
 * follows from the dates.  Writes may instead give `interrupted_on` and `resumed_on` for a
 * single interruption (the shape before the list): accepted when the list is absent or
 * empty, refused beside a list that holds any, and never returned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_decisions.h"
#include "folja/evb.h"
#include "folja/input.h"
#include "folja/resource.h"

static const char *const laws[] = {"SoL", "LSS", NULL};
static const char *const inriktningar[] = {"barn_och_familj", "ekonomiskt_bistand", "missbruk",
					   "socialpsykiatri", "vald_i_nara_relation", "ovrigt",
					   NULL};
static const char *const genders[] = {"K", "M", "annat", NULL};
static const char *const close_reasons[] = {"verkstallt", "aterkallad", "behov_upphort",
					    "avliden", "ovrigt", NULL};

static const struct in_field decision_spec[] = {
	IN_FIELD("reference", IN_STRING, struct decision_in, reference, IN_NULLABLE),
	{"unit_id", IN_INT, offsetof(struct decision_in, unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"law", IN_ENUM, offsetof(struct decision_in, law), IN_REQUIRED, 0, 0, laws},
	{"inriktning", IN_ENUM, offsetof(struct decision_in, inriktning), IN_REQUIRED, 0, 0,
	 inriktningar},
	IN_FIELD("insats", IN_STRING, struct decision_in, insats, IN_REQUIRED),
	IN_FIELD("decided_on", IN_DATE, struct decision_in, decided_on, IN_REQUIRED),
	{"gender", IN_ENUM, offsetof(struct decision_in, gender), IN_REQUIRED, 0, 0, genders},
	IN_FIELD("executed_on", IN_DATE, struct decision_in, executed_on, IN_NULLABLE),
	IN_FIELD("interruptions", IN_JSON, struct decision_in, interruptions, IN_NULLABLE),
	IN_FIELD("interrupted_on", IN_DATE, struct decision_in, interrupted_on, IN_NULLABLE),
	IN_FIELD("resumed_on", IN_DATE, struct decision_in, resumed_on, IN_NULLABLE),
	IN_FIELD("closed_on", IN_DATE, struct decision_in, closed_on, IN_NULLABLE),
	{"close_reason", IN_ENUM, offsetof(struct decision_in, close_reason), IN_NULLABLE, 0, 0,
	 close_reasons},
	IN_FIELD("delay_reason", IN_TEXT, struct decision_in, delay_reason, IN_NULLABLE),
	IN_FIELD("measures", IN_TEXT, struct decision_in, measures, IN_NULLABLE),
	IN_FIELD("id", IN_IGNORE, struct decision_in, reference, 0),
	IN_FIELD("version", IN_IGNORE, struct decision_in, reference, 0),
	IN_FIELD("created_at", IN_IGNORE, struct decision_in, reference, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct decision_in, reference, 0),
	{0}
};

/* ==== interruptions ====================================================================== */

static const struct in_field interruption_spec[] = {
	IN_FIELD("interrupted_on", IN_DATE, struct decision_interruption_in, interrupted_on,
		 IN_REQUIRED),
	IN_FIELD("resumed_on", IN_DATE, struct decision_interruption_in, resumed_on, IN_NULLABLE),
	{0}
};

/* The list `interruptions` into in->pairs, each element checked like a body of its own;
 * problems are named interruptions[i].field. */
static void list_read(struct decision_in *in, json_t **errors)
{
	json_t *list = in->interruptions, *v;
	size_t i;
	if (!json_is_array(list)) {
		problem_field(errors, "interruptions", "must be an array of {interrupted_on, "
			      "resumed_on}");
		return;
	}
	if (json_array_size(list) > EVB_MAX_INTERRUPTIONS) {
		problem_field(errors, "interruptions", "holds more than %d interruptions",
			      EVB_MAX_INTERRUPTIONS);
		return;
	}
	json_array_foreach(list, i, v) {
		char prefix[40];
		snprintf(prefix, sizeof prefix, "interruptions[%zu].", i);
		if (!json_is_object(v))
			problem_field(errors, "interruptions", "element %zu must be an object", i);
		else
			input_parse(v, interruption_spec, &in->pairs[i], errors, prefix);
	}
	in->n_pairs = json_array_size(list);
}

/* The shorthand of one interruption: interrupted_on and resumed_on beside an empty list. */
static void shorthand_read(struct decision_in *in, json_t **errors)
{
	if (!in->interrupted_on && !in->resumed_on)
		return;
	if (in->n_pairs) {
		problem_field(errors, in->interrupted_on ? "interrupted_on" : "resumed_on",
			      "give the interruptions as the list `interruptions` (this decision "
			      "holds one already); interrupted_on and resumed_on stand for a single "
			      "interruption only when the list is empty");
	} else if (!in->interrupted_on) {
		problem_field(errors, "resumed_on", "a resumption needs interrupted_on");
	} else {
		in->pairs[0] = (struct decision_interruption_in){in->interrupted_on, in->resumed_on};
		in->n_pairs = 1;
	}
}

/* An optional date string (already validated by the parser) into @p out / @p has. */
static void opt_date(const char *s, struct date *out, bool *has)
{
	*has = date_parse(s, out);
}

/* The three-month rule's view of a decision as written; its interruptions in @p buf. */
static void evb_from_input(struct evb_decision *d, const struct decision_in *in,
			   struct evb_interruption buf[EVB_MAX_INTERRUPTIONS])
{
	memset(d, 0, sizeof *d);
	date_parse(in->decided_on, &d->decided_on);
	opt_date(in->executed_on, &d->executed_on, &d->has_executed);
	opt_date(in->closed_on, &d->closed_on, &d->has_closed);
	for (size_t i = 0; i < in->n_pairs; i++) {
		date_parse(in->pairs[i].interrupted_on, &buf[i].interrupted_on);
		opt_date(in->pairs[i].resumed_on, &buf[i].resumed_on, &buf[i].has_resumed);
	}
	d->interruptions = buf;
	d->n_interruptions = in->n_pairs;
}

/* The dates' order (evb_check), each problem named by its field: an interruption's by its
 * place in the list, or as the shorthand field it was written with. */
static void dates_check(const struct decision_in *in, json_t **errors)
{
	struct evb_interruption buf[EVB_MAX_INTERRUPTIONS];
	struct evb_decision d;
	struct evb_problem problems[EVB_MAX_PROBLEMS];
	bool shorthand = in->interrupted_on != NULL;

	evb_from_input(&d, in, buf);
	size_t n = evb_check(&d, problems);
	for (size_t i = 0; i < n; i++) {
		char field[64];
		if (problems[i].index < 0 || shorthand)
			snprintf(field, sizeof field, "%s", problems[i].field);
		else
			snprintf(field, sizeof field, "interruptions[%d].%s", problems[i].index,
				 problems[i].field);
		problem_field(errors, field, "%s", problems[i].message);
	}
}

/* The interruptions read, dates in order (evb_check) and a closing consistent with its
 * reason.  Replies 422. */
static bool decision_rules_or_reply(struct req *r, void *input)
{
	struct decision_in *in = input;
	json_t *errors = NULL;

	in->n_pairs = 0;
	if (in->interruptions)
		list_read(in, &errors);
	if (!errors)
		shorthand_read(in, &errors);
	if (!errors)
		dates_check(in, &errors);
	if (in->closed_on && !in->close_reason)
		problem_field(&errors, "close_reason", "is required when closed_on is set");
	if (!in->closed_on && in->close_reason)
		problem_field(&errors, "closed_on", "is required when close_reason is set");
	if (in->close_reason && strcmp(in->close_reason, "verkstallt") == 0 && !in->executed_on)
		problem_field(&errors, "executed_on", "is required when close_reason is verkstallt");
	return input_errors_or_reply(r, errors);
}

/* ==== insatser =========================================================================== */

static const struct in_field insats_spec[] = {
	IN_FIELD("code", IN_STRING, struct code_in, code, IN_REQUIRED),
	IN_FIELD("name", IN_STRING, struct code_in, name, IN_REQUIRED),
	{"law", IN_ENUM, offsetof(struct code_in, law), IN_REQUIRED, 0, 0, laws},
	{0}
};

static enum db_rc insats_insert(struct db *db, const struct code_in *in)
{
	return db_decisions_insats_insert(db, in->code, in->name, in->law);
}

static const struct code_list insatser = {
	.entity = "insats",
	.audit_entity = "decision_insats",
	.duplicate_detail = "an insats with this code exists",
	.unknown = "names no insats (see /api/v1/decision-insatser)",
	.spec = insats_spec,
	.all = db_decisions_insatser,
	.get = db_decisions_insats_get,
	.insert = insats_insert,
};

/* GET /api/v1/decision-insatser */
void api_decision_insatser_list(struct req *r)
{
	api_code_list_get(r, &insatser);
}

/* POST /api/v1/decision-insatser {code, name, law} */
void api_decision_insatser_create(struct req *r)
{
	api_code_list_create(r, &insatser);
}

/* ==== decisions ========================================================================== */

struct list_params {
	struct register_params reg;
	const char *insats, *law, *inriktning;
};

const struct query_spec api_decisions_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct list_params),
		{"insats", Q_STRING, offsetof(struct list_params, insats), 0, 0, 64, 0, NULL, NULL},
		{"law", Q_ENUM, offsetof(struct list_params, law), 0, 0, 0, 0, laws, NULL},
		{"inriktning", Q_ENUM, offsetof(struct list_params, inriktning), 0, 0, 0, 0,
		 inriktningar, NULL},
		{0}},
	sizeof(struct list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/decisions[?unit_id=&period=&insats=&law=&inriktning=&limit=&offset=] */
void api_decisions_list(struct req *r)
{
	const struct list_params *in = REQ_QUERY(r, struct list_params);
	struct register_query q;
	int64_t total = 0;
	if (api_register_query_or_reply(r, &in->reg, &q))
		return;
	struct decision_filter f = {.unit_id = q.unit_id, .from = q.from, .to = q.to,
				    .insats = in->insats, .law = in->law,
				    .inriktning = in->inriktning};
	json_t *items = json_array();
	enum db_rc rc = db_decisions_list(q.db, &f, q.limit, q.offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "decision");
		return;
	}
	reply_list(r, items, total, q.limit, q.offset);
}

/* The unit and the insats named must exist, and the insats must be one of the decision's law. */
static enum db_rc decision_check(struct db *db, int64_t id, const void *input,
				 struct resource_error *err)
{
	const struct decision_in *in = input;
	json_t *o = NULL;
	(void)id;
	enum db_rc rc = api_register_refs_check(db, in->unit_id, &insatser, "insats", in->insats,
						&o, err);
	if (rc == DB_OK) {
		const char *law = json_string_value(json_object_get(o, "law"));
		if (law && strcmp(law, in->law) != 0) {
			char message[64];
			snprintf(message, sizeof message, "is an insats under %s, not %s", law,
				 in->law);
			rc = resource_refuse(err, "invalid_input", "insats", message);
		}
	}
	json_decref(o);
	return rc;
}

static enum db_rc decision_insert(struct db *db, const void *in, int64_t *id)
{
	return db_decisions_insert(db, in, id);
}

static enum db_rc decision_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_decisions_update(db, id, version, in);
}

const struct resource folja_decisions = {
	.entity = "decision",
	.collection = "/api/v1/decisions",
	.spec = decision_spec,
	.in_size = sizeof(struct decision_in),
	.rules_or_reply = decision_rules_or_reply,
	.check = decision_check,
	.get = db_decisions_get,
	.insert = decision_insert,
	.update = decision_update,
	.remove = db_decisions_delete,
};

