/*
 * Scoped tokens on the request path (src/http/scope.c): a token limited to one unit's
 * subtree sees and writes that subtree only, as its route's enum scope_rule says.
 */
#ifndef FOLJA_SCOPE_H
#define FOLJA_SCOPE_H

#include <stdbool.h>

#include "folja/http.h"

/** After the token and the query are checked: reads the scope of a scoped caller (kept in
 *  @p r, freed by scope_free()), makes it the thread's (db_scope_set) and applies the route's
 *  rule.  True when a refusal (403 out_of_scope, 404) has been recorded. */
bool scope_or_reply(struct req *r);
/** Makes @p r's scope the thread's for a later call on the same request (a body piece, the
 *  handler); nothing for an unscoped caller. */
void scope_enter(const struct req *r);
/** Clears the thread's scope at the end of each call. */
void scope_leave(void);
/** Frees what scope_or_reply() kept in @p r. */
void scope_free(struct req *r);

#endif
