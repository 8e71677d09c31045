/*
 * Declarations of every suite's constructor (from suites.h), for the test files and the runner.
 */
#ifndef FOLJA_TESTS_H
#define FOLJA_TESTS_H

#include <check.h>

#define SUITE(name) Suite *name##_suite(void);
#include "suites.h"
#undef SUITE

#endif
