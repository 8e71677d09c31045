/*
 * Audits (see include/folja/audits.h).
 */
#include <string.h>

#include "folja/audits.h"
#include "folja/names.h"

static const char *const kind_names[] = {
	[AUDIT_INTERN] = "intern",
	[AUDIT_REVISION] = "revision",
	[AUDIT_IVO] = "ivo",
	[AUDIT_AVTAL] = "avtal",
	[AUDIT_OVRIGT] = "ovrigt",
};

const char *audit_kind_name(enum audit_kind k)
{
	return names_name(kind_names, NAMES_COUNT(kind_names), (int)k);
}

bool audit_kind_parse(const char *s, enum audit_kind *out)
{
	int i = names_index(kind_names, 0, NAMES_COUNT(kind_names), s);
	if (i < 0)
		return false;
	*out = (enum audit_kind)i;
	return true;
}

void audit_summary_build(const struct audit *as, size_t n, const struct tally_span *span,
			 struct audit_summary *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		if (!tally_counted(span, as[i].done_on))
			continue;
		out->total++;
		out->by_kind[as[i].kind]++;
		out->with_findings += as[i].has_findings;
		out->actions += as[i].actions;
		out->actions_open += as[i].actions_open;
	}
}
