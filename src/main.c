/*
 * folja — follow-up of a municipal social-services committee, as an HTTP JSON service.
 * Everything lives in the core library; see src/cli.c for the commands.
 */
#include "folja/cli.h"

int main(int argc, char **argv)
{
	return folja_cli(argc, argv);
}
