/*
 * Fuzzes request routing: the first line of the input is the method, the rest the path.
 * Properties: matching never reads or writes outside the parameter buffer, a matched route has
 * the method asked for and a pattern whose literal segments are in the path, every path
 * parameter is a non-empty segment without '/', and an unmatched known path has an Allow list.
 */
#include "folja/api.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_cstr(data, size);
	char *nl = strchr(in, '\n');
	const char *method = "GET", *path = in;
	if (nl) {
		*nl = '\0';
		method = in;
		path = nl + 1;
	}
	struct route_match m;
	const char *params[REQ_MAX_PARAMS] = {0};
	char buf[512];
	/* a small buffer too, to exercise the overflow refusal */
	size_t bufsize = size % 2 ? sizeof buf : 16;
	router_match(method, path, &m, params, buf, bufsize);
	if (m.route) {
		FUZZ_CHECK(m.path_known);
		FUZZ_CHECK(strcmp(m.route->method, method) == 0);
		int np = 0;
		for (const char *p = m.route->pattern; *p; p++)
			np += *p == '{';
		for (int i = 0; i < np; i++) {
			FUZZ_CHECK(params[i] >= buf && params[i] < buf + bufsize);
			FUZZ_CHECK(params[i][0] != '\0' && !strchr(params[i], '/'));
			FUZZ_CHECK(strstr(path, params[i]) != NULL);
		}
	}
	if (m.path_known && !m.route)
		FUZZ_CHECK(m.allow[0] != '\0');
	if (!m.path_known)
		FUZZ_CHECK(m.route == NULL);
	free(in);
	return 0;
}
