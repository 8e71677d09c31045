/*
 * The inheritance of budget settings down the unit tree (the rule is in
 * include/folja/budget_settings.h).  The band, the profile and the basis are looked at apart,
 * because a unit may set one without the others; everything else is copying.
 */
#include <string.h>

#include "folja/budget_settings.h"
#include "folja/money.h"

const char *const budget_basis_names[3] = {NULL, "outcome", "forecast"};

void budget_settings_default(struct budget_effective *out)
{
	memset(out, 0, sizeof *out);
	out->yellow_bp = MONEY_YELLOW_BP_DEFAULT;
	out->basis = BUDGET_BASIS_OUTCOME;
}

void budget_settings_inherit(const struct budget_effective *parent, int64_t unit_id,
			     const struct budget_settings *own, struct budget_effective *out)
{
	struct budget_effective e = *parent;

	if (own->yellow_bp >= 0) {
		e.yellow_bp = own->yellow_bp;
		e.yellow_from = unit_id;
	}
	if (own->has_profile) {
		e.has_profile = true;
		e.profile_from = unit_id;
		memcpy(e.profile, own->profile, sizeof e.profile);
	}
	if (own->basis != BUDGET_BASIS_INHERIT) {
		e.basis = own->basis;
		e.basis_from = unit_id;
	}
	*out = e;
}

void budget_settings_effective(const struct budget_settings_link *line, size_t n,
			       struct budget_effective *out)
{
	struct budget_effective e;

	budget_settings_default(&e);
	/* the farthest ancestor first: a nearer unit's setting overrides it */
	for (size_t i = n; i-- > 0;)
		budget_settings_inherit(&e, line[i].unit_id, &line[i].own, &e);
	*out = e;
}
