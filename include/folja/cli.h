/*
 * The `folja` command line: serve, migrate, demo, token create.  Kept apart from main() so
 * the same entry point can be driven by tests.
 */
#ifndef FOLJA_CLI_H
#define FOLJA_CLI_H

/** Runs the command in @p argv; returns the process exit status (0 ok, 1 failure, 2 usage). */
int folja_cli(int argc, char **argv);

#endif
