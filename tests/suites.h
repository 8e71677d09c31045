/*
 * The test suites, one line each: SUITE(name) names `Suite *name_suite(void)` exported by
 * tests/test_<name>.c.  The runner runs one suite by name (meson registers each as its own
 * test, so they run in parallel) or all of them.
 */
SUITE(date)
SUITE(period)
SUITE(pnr)
SUITE(evb)
SUITE(money)
SUITE(openapi)
SUITE(rollup)
SUITE(csv_read)
SUITE(split)
SUITE(budget_http)
SUITE(budget_demo)
SUITE(platform)
SUITE(router)
SUITE(units_http)
/* goals and indicators */
SUITE(assess)
SUITE(goals)
SUITE(indicators)
SUITE(goals_http)
SUITE(indicators_http)
SUITE(goals_demo)
/* lex Sarah and decisions */
SUITE(ivo)
SUITE(lex_sarah)
SUITE(decisions_http)
SUITE(lex_sarah_http)
SUITE(registers_demo)
/* robustness and security */
SUITE(security)
SUITE(hostile)
SUITE(durability)
SUITE(query)
SUITE(exposure)
SUITE(layers)
SUITE(shapes)
SUITE(integration)
SUITE(operations)
/* the registers the reports need */
SUITE(suppress)
SUITE(registers)
SUITE(registers_suppression)
SUITE(registers_http)
SUITE(registers_seeds)
/* statistics */
SUITE(statistics)
SUITE(statistics_http)
/* economy beyond the operating budget */
SUITE(economy)
SUITE(economy_http)
SUITE(economy_demo)
/* reports and period locks */
SUITE(period_lock)
SUITE(report_render)
SUITE(reports_http)
SUITE(reports_demo)
SUITE(period_locks_http)
/* scoped tokens */
SUITE(scope)
/* imports read as a stream */
SUITE(imports_http)
SUITE(spool)
/* the PostgreSQL back end */
SUITE(pg)
SUITE(pg_copy)
