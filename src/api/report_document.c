/*
 * A report's document: the JSON every rendering is made from (see src/api/reports.h).
 *
 * The document holds the report's own fields, the unit it is for (and the municipality above
 * it, for the title page), the data version it was computed at, and every section of the
 * revision built as of now.  Its JSON text is compact with a newline, like every reply; that
 * text is what a lock stores and hashes.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/db_decisions.h"
#include "folja/db_units.h"

#include "reports.h"

/* The unit's {id, code, name} and the name of the kommun above it (or null). */
static enum db_rc unit_names(struct db *db, int64_t unit_id, json_t **unit, json_t **kommun)
{
	json_t *u = NULL;
	enum db_rc rc = db_units_get(db, unit_id, &u);
	*unit = *kommun = NULL;
	if (rc != DB_OK)
		return rc;
	*unit = json_pack("{s:O, s:O, s:O}", "id", json_object_get(u, "id"), "code",
			  json_object_get(u, "code"), "name", json_object_get(u, "name"));
	/* up the tree to the kommun; a tree is a few levels deep, and the walk is bounded */
	for (int depth = 0; rc == DB_OK && u && depth < 64; depth++) {
		json_t *parent = json_object_get(u, "parent_id"), *next = NULL;
		if (strcmp(json_string_value(json_object_get(u, "kind")), "kommun") == 0) {
			*kommun = json_incref(json_object_get(u, "name"));
			break;
		}
		if (json_is_integer(parent))
			rc = db_units_get(db, json_integer_value(parent), &next);
		json_decref(u);
		u = next;
	}
	json_decref(u);
	if (rc == DB_OK && !*unit)
		rc = DB_NOMEM;
	return rc;
}

/* The sections of @p rev built for @p c, into a new array. */
static json_t *sections_build(const struct report_ctx *c, const struct report_revision *rev,
			      enum db_rc *rc)
{
	json_t *stored = json_loads(rev->sections, 0, NULL), *out = json_array(), *sec;
	size_t i;
	*rc = stored && out ? DB_OK : stored ? DB_NOMEM : DB_CORRUPT;
	json_array_foreach(stored, i, sec) {
		json_t *built = *rc == DB_OK ? report_section_build(c, sec, rc) : NULL;
		if (built && json_array_append_new(out, built))
			*rc = DB_NOMEM;
	}
	json_decref(stored);
	if (*rc != DB_OK) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* The names a rendering prints for the codes in the sections: {"insats": {code: name}}.  Kept
 * in the document, so a locked report keeps the names it was decided with. */
static json_t *labels_json(struct db *db, enum db_rc *rc)
{
	json_t *list = json_array(), *insats = json_object(), *e;
	size_t i;
	*rc = list && insats ? db_decisions_insatser(db, list) : DB_NOMEM;
	json_array_foreach(list, i, e)
		if (*rc == DB_OK && json_object_set(insats, json_string_value(json_object_get(e,
				"code")), json_object_get(e, "name")))
			*rc = DB_NOMEM;
	json_decref(list);
	json_t *out = *rc == DB_OK ? json_pack("{s:o}", "insats", insats) : NULL;
	if (*rc != DB_OK)
		json_decref(insats);
	else if (!out)
		*rc = DB_NOMEM;
	return out;
}

static json_t *int_or_null(int64_t v)
{
	return v == DB_NULL ? json_null() : json_integer((json_int_t)v);
}

/* The report's own fields of @p rev at data version @p data. */
static json_t *head_json(const struct report_revision *rev, uint64_t data)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:I, s:s?, s:s?, s:s?, s:s?, s:s?,"
			 " s:I, s:o, s:s, s:s}",
			 "id", (json_int_t)rev->report_id, "unit_id", (json_int_t)rev->unit_id,
			 "kind", rev->kind, "period", rev->period, "title", rev->title,
			 "revision", (json_int_t)rev->revision, "status", rev->status,
			 "version", (json_int_t)rev->version, "reason", rev->reason,
			 "decided_on", rev->decided_on, "decision_ref", rev->decision_ref,
			 "locked_at", rev->locked_at, "sha256", rev->sha256,
			 "data_version", (json_int_t)data, "template_id",
			 int_or_null(rev->template_id), "created_at", rev->created_at,
			 "updated_at", rev->updated_at);
}

json_t *report_document(struct db *db, const struct report_revision *rev, enum db_rc *rc)
{
	struct report_ctx c = {.db = db, .report_id = rev->report_id, .unit_id = rev->unit_id,
			       .kind = rev->kind};
	struct db_versions v;
	json_t *unit = NULL, *kommun = NULL, *sections = NULL, *doc = NULL, *labels = NULL;
	if (!period_parse(rev->period, &c.period)) {
		*rc = DB_CORRUPT;
		return NULL;
	}
	period_format(c.period, c.period_text);
	if ((*rc = db_versions(db, &v)) != DB_OK ||
	    (*rc = unit_names(db, rev->unit_id, &unit, &kommun)) != DB_OK ||
	    !(labels = labels_json(db, rc)) || !(sections = sections_build(&c, rev, rc)))
		goto cleanup;
	doc = head_json(rev, v.data);
	if (!doc || json_object_set(doc, "unit", unit) ||
	    json_object_set(doc, "municipality", kommun ? kommun : json_null()) ||
	    json_object_set(doc, "labels", labels) || json_object_set(doc, "sections", sections)) {
		json_decref(doc);
		doc = NULL;
		*rc = DB_NOMEM;
	}
cleanup:
	json_decref(unit);
	json_decref(kommun);
	json_decref(labels);
	json_decref(sections);
	return doc;
}

char *report_json_text(const json_t *doc, size_t *len)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	if (!text)
		return NULL;
	size_t n = strlen(text);
	char *grown = realloc(text, n + 2);
	if (!grown) {
		free(text);
		return NULL;
	}
	grown[n] = '\n';
	grown[n + 1] = '\0';
	*len = n + 1;
	return grown;
}
