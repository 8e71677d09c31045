/*
 * Period locks: the rule of which facts a closed period covers (see include/folja/
 * period_lock.h).
 */
#include "folja/names.h"
#include "folja/period_lock.h"

static const char *const kind_names[LOCK_KINDS] = {
	[LOCK_BUDGET] = "budget",
	[LOCK_INDICATORS] = "indicators",
	[LOCK_STATISTICS] = "statistics",
	[LOCK_ASSESSMENTS] = "assessments",
};

const char *lock_kind_name(enum lock_kind k)
{
	return names_name(kind_names, LOCK_KINDS, (int)k);
}

bool lock_kind_parse(const char *s, enum lock_kind *out)
{
	int i = names_index(kind_names, 0, LOCK_KINDS, s);
	if (i < 0)
		return false;
	*out = (enum lock_kind)i;
	return true;
}

int lock_month(int year, int month)
{
	return year * 12 + month - 1;
}

void lock_month_split(int m, int *year, int *month)
{
	*year = m / 12;
	*month = m % 12 + 1;
}

int lock_month_of_line(int year, int month)
{
	/* an annual budget is periodised over the whole year: its first month is January */
	return lock_month(year, month >= 1 && month <= 12 ? month : 1);
}

int lock_month_of_period(struct period p)
{
	return lock_month(p.year, period_last_month(p));
}

bool period_lock_covers(const struct period_lock *l, enum lock_kind k, int m)
{
	return (l->kinds & (1u << k)) && m <= l->through;
}

const struct period_lock *period_lock_find(const struct period_lock *locks, size_t n,
					   enum lock_kind k, int m)
{
	for (size_t i = 0; i < n; i++)
		if (period_lock_covers(&locks[i], k, m))
			return &locks[i];
	return NULL;
}
