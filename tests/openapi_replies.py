#!/usr/bin/python3
"""Holds openapi.yaml to the replies the server really gives.

tests/test_openapi.c proves that the spec and the routing table name the same operations and
query parameters; this proves that what those operations answer is what the spec says they
answer.  It starts `folja serve --demo` on a temporary database and a free loopback port, and
for every `get` under `paths:` it fills the path parameters with ids that exist in the demo
data, fills every required query parameter with the parameter's `example`, and validates the
JSON body against the schema the spec declares for that status and `application/json` (JSON
Schema 2020-12, `$ref`s resolved against the whole document, `format` checked).  Each
operation is asked by an admin token with `sensitive` (must be 200), by a reader token (200
or a documented 403), anonymously (the server runs with --open-read: 200, small counts
suppressed, or a documented 401), with a missing id (404) and with an unknown parameter (400),
both documented and in the Problem shape, with `format=csv` where the operation offers it,
and with the VARIANTS below.  Non-JSON replies are checked for their content type only.

Usage: openapi_replies.py FOLJA_BINARY SOURCE_ROOT.  Prints each operation checked; exits 1
naming the operation, the JSON path of the failure and the schema location when a reply does
not match.
"""
import collections
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    import jsonschema
    import yaml
except ImportError as e:
    sys.exit("openapi_replies.py: %s; install python3-jsonschema and python3-yaml "
             "(scripts/install-deps)" % e)

BASE_URI = "urn:folja:openapi"
MISSING_ID = "999999999"

# The list each {id} path parameter is taken from, by the path's first segment.
ID_LISTS = {
    "units": "/api/v1/units",
    "goals": "/api/v1/goals",
    "indicators": "/api/v1/indicators",
    "budget-lines": "/api/v1/budget-lines",
    "lex-sarah-reports": "/api/v1/lex-sarah-reports",
    "decisions": "/api/v1/decisions",
    "tokens": "/api/v1/tokens",
    "risks": "/api/v1/risks",
    "risk-sensitivities": "/api/v1/risk-sensitivities",
    "internal-controls": "/api/v1/internal-controls",
    "audits": "/api/v1/audits",
    "actions": "/api/v1/actions",
    "complaints": "/api/v1/complaints",
    "incidents": "/api/v1/incidents",
    "lex-maria-reports": "/api/v1/lex-maria-reports",
    "statistics": "/api/v1/statistics",
    "statistic-facts": "/api/v1/statistic-facts",
    "activities": "/api/v1/activities",
    "accounts": "/api/v1/accounts",
    "reports": "/api/v1/reports",
    "report-templates": "/api/v1/report-templates",
    "period-locks": "/api/v1/period-locks",
}

# What a required query parameter cannot say: the council report takes exactly one of
# `quarter` and `period`, neither of them required on its own.
EXTRA_QUERY = {
    "getDecisionsCouncilReport": {"quarter": "2021-Q3"},
}

# Replies whose shape depends on a choice: each is asked for as well, by the admin (200) and
# anonymously (200, with small counts suppressed, or 401).
VARIANTS = {
    "getUnits": [{"parent_id": "null"}, {"kind": "enhet", "active": "1"}],
    "getGoalsTree": [{"period": "2021-T1", "unit_id": "3"}],
    "getBudgetRollup": [{"group_by": "activity"}, {"group_by": "account", "depth": "0"},
                        {"scale": "tkr", "rounding": "consistent", "cumulative": "false"},
                        {"group_by": "account", "subtotals": "true", "period": "2021"},
                        {"group_by": "unit,activity", "period": "2021"},
                        {"unit_id": "19", "period": "2017-T1", "ledger": "investering",
                         "group_by": "project"},
                        {"unit_id": "19", "period": "2017-T1"}],
    "getBudgetFrame": [{"scale": "tkr", "ledger": "investering"}],
    "getLexSarahReportsSummary": [{"period": "2017", "group_by": "unit",
                                   "cumulative": "true"}],
    "getDecisionsCouncilReport": [{"quarter": None, "period": "2017-T2"}],
    "getDecisionsIvoReport": [{"quarter": "2017-Q2"}],
    "getDecisionsSummary": [{"year": "2017"}],
    "getIndicatorsByIdValues": [{"period": "2021"}],
    "getRisksSummary": [{"period": "2018", "scale": "tkr", "top": "3"}],
    "getRiskSensitivitiesSummary": [{"scale": "tkr"}, {"period": "2017-03"}],
    "getInternalControlsSummary": [{"period": "2017"}],
    "getAuditsSummary": [{"period": "2017-T2", "cumulative": "true"}],
    "getActionsSummary": [{"period": "2017-T2", "cumulative": "true"}],
    "getComplaintsSummary": [{"group_by": "category", "period": "2018"}],
    "getIncidentsSummary": [{"group_by": "category", "cumulative": "true"}],
    "getLexMariaReportsSummary": [{"period": "2021", "group_by": "unit"}],
    "getStatisticsByIdTable": [{"by": "typ", "compare": "previous_year",
                                "share_of_total": "true"},
                               {"by": "month,typ", "compare": "2015", "cumulative": "false"}],
    "getStatisticsByIdKolada": [{"year": "2017"}],
    "getReportsById": [{"format": "md"}, {"format": "html"}],
    "getReportsByIdRevisionsByN": [{"format": "md"}, {"format": "html"}],
    "getReports": [{"kind": "verksamhetsberattelse"}],
}

# The demo data has no peer values and no indicator with a Kolada KPI, so the comparison
# could only answer 409.  These rows give it peers; SEED_KPI is the `kpi` example of
# /peer-values in openapi.yaml.
SEED_KPI = "N31807"
SEED_PEERS = [("0138", 61.0), ("0136", 55.0), ("0180", 70.0), ("0181", 48.0), ("0182", 66.0)]


class Failure(Exception):
    """A reply that does not match the spec; the message names what and where."""


# ==== the document ========================================================================

def load_spec(root):
    with open(os.path.join(root, "openapi.yaml"), encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    # YAML 1.1 reads unquoted `on`, `yes` or dates as other types: every key must be a string
    bad = [p for p in walk_keys(doc, "#") if p]
    if bad:
        raise Failure("openapi.yaml has keys that are not strings: " + ", ".join(bad))
    return doc


def walk_keys(node, where):
    if isinstance(node, dict):
        for k, v in node.items():
            if not isinstance(k, str):
                yield "%s/%r" % (where, k)
            yield from walk_keys(v, "%s/%s" % (where, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_keys(v, "%s/%d" % (where, i))


def escape(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def resolve(doc, pointer):
    """The node at a local JSON pointer (`#/components/...`)."""
    node = doc
    for token in pointer.lstrip("#").split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def deref(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        node = resolve(doc, node["$ref"])
    return node


def make_validator(doc, pointer):
    """A 2020-12 validator for the schema at @pointer, its `$ref`s resolved in @doc."""
    schema = {"$ref": BASE_URI + pointer}
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        return not isinstance(value, str) or re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value) is not None

    cls = jsonschema.Draft202012Validator
    try:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
        registry = Registry().with_resource(
            BASE_URI, Resource.from_contents(doc, default_specification=DRAFT202012))
        return cls(schema, registry=registry, format_checker=checker)
    except (ImportError, TypeError):  # jsonschema before 4.18 (Debian 12): RefResolver
        resolver = jsonschema.RefResolver(BASE_URI, doc)
        return cls(schema, resolver=resolver, format_checker=checker)


def schema_location(doc, pointer, path):
    """The spec location of a failed keyword: @path (relative to {"$ref": @pointer}) followed
    through every `$ref`, so it reads #/components/schemas/X/...  (Older jsonschema leaves
    the `$ref` steps out of the path, newer ones name them.)"""
    node, where = {"$ref": pointer}, ""
    for key in path:
        while isinstance(node, dict) and "$ref" in node and (key == "$ref" or key not in node):
            where = node["$ref"].replace(BASE_URI, "")
            node = resolve(doc, where)
        if key == "$ref":
            continue
        where += "/" + escape(key)
        if isinstance(node, list):
            node = node[key]
        else:
            node = node.get(key) if isinstance(node, dict) else None
    return where


def check_json(doc, what, pointer, body):
    """Validates @body against the schema at @pointer; raises Failure naming every error."""
    validator = make_validator(doc, pointer)
    errors = sorted(validator.iter_errors(body),
                    key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    # one line per schema location: a list of 100 items fails 100 times the same way
    seen = {}
    for e in errors:
        location = schema_location(doc, pointer, e.absolute_schema_path)
        seen.setdefault(location, []).append(e)
    lines = ["%s does not match its schema %s:" % (what, pointer)]
    for location, same in seen.items():
        more = " (and %d more like it)" % (len(same) - 1) if len(same) > 1 else ""
        lines.append("  at %s: %s%s\n    schema: %s" % (
            same[0].json_path, shorten(same[0].message), more, location))
    raise Failure("\n".join(lines))


def shorten(text, cap=300):
    return text if len(text) <= cap else text[:cap] + "..."


# ==== operations ==========================================================================

Operation = collections.namedtuple("Operation", "path op_id spec params")


def get_operations(doc):
    """An Operation for every `get`: its path, operationId, the operation object and its
    parameters, merged from path and operation level with their `$ref`s resolved."""
    ops = []
    for path, item in doc["paths"].items():
        if "get" not in item:
            continue
        op = item["get"]
        params = {}
        for p in item.get("parameters", []) + op.get("parameters", []):
            p = deref(doc, p)
            params[(p["name"], p["in"])] = p
        ops.append(Operation(path, op["operationId"], op, list(params.values())))
    return ops


def query_of(op_id, params):
    query = {}
    for p in params:
        if p["in"] != "query" or not p.get("required"):
            continue
        if "example" not in p:
            raise Failure("%s: required query parameter %s has no example" % (op_id, p["name"]))
        query[p["name"]] = p["example"]
    query.update(EXTRA_QUERY.get(op_id, {}))
    return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in query.items()}


def fill_path(op_id, path, params, ids, missing=False):
    """@path with its parameters filled: {id} from @ids by operation, else by resource (a
    missing one when @missing), {period} a year."""
    resource = path.split("/")[3] if path.startswith("/api/v1/") else None
    values = {}
    for p in params:
        if p["in"] != "path":
            continue
        if p["name"] == "id":
            if resource not in ids:
                raise Failure("%s: no demo id for {id} of %s" % (op_id, path))
            values["id"] = MISSING_ID if missing else str(ids.get(op_id, ids[resource]))
        elif p["name"] == "period":
            values["period"] = "2021"
        elif p["name"] == "n":
            values["n"] = "1"
        else:
            raise Failure("%s: no value for path parameter {%s}" % (op_id, p["name"]))
    return re.sub(r"\{(\w+)\}", lambda m: urllib.parse.quote(values[m.group(1)]), path)


# ==== the server ==========================================================================

class Server:
    """`folja serve --demo` on a temporary database and a free loopback port."""

    def __init__(self, binary, tmp):
        self.binary, self.db = binary, os.path.join(tmp, "t.db")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log_path = os.path.join(tmp, "serve.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [binary, "serve", "--db", self.db, "--demo", "--listen", "127.0.0.1:%d" % self.port,
             "--open-read", "--quiet"], stdout=self.log, stderr=subprocess.STDOUT)
        # straight to the loopback port, whatever http_proxy says
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def wait_healthy(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise Failure("folja serve exited (%d): %s" % (self.proc.returncode,
                                                               self.log_tail()))
            try:
                if self.request("GET", "/healthz", None)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise Failure("folja serve did not answer /healthz within 30 s")

    def log_tail(self, cap=2000):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()[-cap:] or "(nothing)"

    def token(self, *args):
        out = subprocess.run([self.binary, "token", "create", *args, "--db", self.db],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise Failure("folja token create %s: %s" % (" ".join(args), out.stderr))
        return out.stdout.strip()

    def request(self, method, url, token, body=None):
        """(status, content type, body bytes); @token None asks anonymously."""
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.port, url), method=method)
        if token:
            req.add_header("Authorization", "Bearer " + token)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            req.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(req, data, timeout=30) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read()

    def json(self, method, url, token, body=None):
        status, _, data = self.request(method, url, token, body)
        if status >= 300:
            raise Failure("%s %s answered %d: %s" % (method, url, status, data[:300]))
        return json.loads(data)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def demo_ids(server, token):
    """The first id of every list that a {id} path parameter draws on."""
    ids = {}
    for resource, url in ID_LISTS.items():
        items = server.json("GET", url + "?limit=1", token)["items"]
        if not items:
            raise Failure("the demo data has no %s" % resource)
        ids[resource] = items[0]["id"]
    return ids


def seed_lex_maria(server, token):
    """The seeds report no lex Maria notification, so the demo register is empty: one is made
    here, with an open investigation, so its detail and summary have something to show."""
    unit = server.json("GET", "/api/v1/units?limit=1&parent_id=null", token)["items"][0]
    server.json("POST", "/api/v1/lex-maria-reports", token, {
        "unit_id": unit["id"], "occurred_on": "2021-02-01", "notified_on": "2021-02-03",
        "category": "lakemedel", "harm": "vardskada", "summary": "Fel dos gavs.",
        "measures": "Rutinen ses över."})


def seed_comparison(server, token):
    """Loads peer values of SEED_KPI and adds an indicator that compares by it; returns its id."""
    rows = [{"kpi": SEED_KPI, "municipality": m, "year": 2021, "value": v}
            for m, v in SEED_PEERS]
    server.json("POST", "/api/v1/peer-values", token, rows)
    unit = server.json("GET", "/api/v1/units?limit=1&parent_id=null", token)["items"][0]
    ind = server.json("POST", "/api/v1/indicators", token, {
        "name": "Peer-compared indicator", "unit_id": unit["id"], "measure_unit": "percent",
        "direction": "higher_is_better", "target": 60, "kolada_kpi": SEED_KPI})
    return ind["id"]


def seed_period_lock(server, token):
    """The demo closes no books; one lock gives /period-locks something to list."""
    unit = server.json("GET", "/api/v1/units?limit=1&parent_id=null", token)["items"][0]
    server.json("POST", "/api/v1/period-locks", token, {
        "unit_id": unit["id"], "through": "2016-12", "reason": "Bokslut 2016"})


# ==== checking one operation ==============================================================

def content_type(header):
    return header.split(";")[0].strip().lower()


def parse_json(what, data):
    try:
        return json.loads(data)
    except ValueError as e:
        raise Failure("%s is not JSON (%s): %s" % (what, e, data[:300]))


class Checker:
    """Asks the server for one GET and holds the reply to the spec."""

    def __init__(self, doc, server, tokens, ids):
        self.doc, self.server, self.tokens, self.ids = doc, server, tokens, ids

    def reply(self, op, what, url, token, want):
        """Requests @url with @token and checks the reply: its status is one of @want and
        documented for @op, its content type is one the response declares, and a JSON body
        matches the schema declared for it.  Returns the status."""
        try:
            status, ctype, data = self.server.request("GET", url, self.tokens.get(token))
        except OSError as e:
            raise Failure("%s: %s reply GET %s: no reply (%s); the server says: %s" % (
                op.op_id, what, url, e, self.server.log_tail()))
        ctype = content_type(ctype)
        what = "%s: %s reply GET %s (%d)" % (op.op_id, what, url, status)
        if status not in want:
            raise Failure("%s is not %s: %s" % (what, "/".join(map(str, sorted(want))),
                                                data[:300]))
        responses = op.spec["responses"]
        if str(status) not in responses:
            if status >= 400 and not any(k.startswith("4") for k in responses):
                # /healthz, /metrics and /openapi.yaml document no 4xx: the shape is held
                self.problem(what, ctype, data)
                return status
            raise Failure("%s: the spec does not document %d" % (what, status))
        response = responses[str(status)]
        base = response.get("$ref", "#/paths/%s/get/responses/%d" % (escape(op.path), status))
        content = deref(self.doc, response).get("content", {})
        if ctype not in content:
            raise Failure("%s answered %s; the spec gives %s" % (
                what, ctype or "no content type", ", ".join(content) or "no content"))
        if ctype.endswith("json"):
            pointer = "%s/content/%s/schema" % (base, escape(ctype))
            check_json(self.doc, what, pointer, parse_json(what, data))
        return status

    def problem(self, what, ctype, data):
        if ctype != "application/problem+json":
            raise Failure("%s answered %s, not application/problem+json" % (what, ctype))
        check_json(self.doc, what, "#/components/schemas/Problem", parse_json(what, data))

    def operation(self, op):
        """Every question asked of @op; prints what it found."""
        query = query_of(op.op_id, op.params)
        path = fill_path(op.op_id, op.path, op.params, self.ids)

        def url(extra=None, base=path):
            q = {k: v for k, v in {**query, **(extra or {})}.items() if v is not None}
            return base + ("?" + urllib.parse.urlencode(q) if q else "")

        self.reply(op, "admin", url(), "admin", {200})
        reader = self.reply(op, "reader", url(), "reader", {200, 403})
        anonymous = self.reply(op, "anonymous", url(), None, {200, 401})
        if "{id}" in op.path:
            missing = fill_path(op.op_id, op.path, op.params, self.ids, missing=True)
            self.reply(op, "missing id", url(base=missing), "admin", {404})
        self.reply(op, "unknown parameter", url({"nosuch": "1"}), "admin", {400})
        csv = "csv" in format_choices(op.params)
        if csv:
            self.reply(op, "CSV", url({"format": "csv"}), "admin", {200})
        for variant in VARIANTS.get(op.op_id, []):
            self.reply(op, "variant", url(variant), "admin", {200})
            self.reply(op, "anonymous variant", url(variant), None, {200, 401})
        print("ok   GET %-45s %s (reader %d, anonymous %d%s%s)" % (
            op.path, op.op_id, reader, anonymous, ", csv" if csv else "",
            ", %d variants" % len(VARIANTS[op.op_id]) if op.op_id in VARIANTS else ""))


def format_choices(params):
    for p in params:
        if p["name"] == "format" and p["in"] == "query":
            return p.get("schema", {}).get("enum", [])
    return []


def run(binary, root):
    doc = load_spec(root)
    ops = get_operations(doc)
    if not ops:
        raise Failure("openapi.yaml documents no GET operation")
    failures = []
    with tempfile.TemporaryDirectory(prefix="folja-openapi-") as tmp:
        server = Server(binary, tmp)
        try:
            server.wait_healthy()
            tokens = {"admin": server.token("--role", "admin", "--sensitive"),
                      "reader": server.token("--role", "reader")}
            seed_lex_maria(server, tokens["admin"])
            seed_period_lock(server, tokens["admin"])
            ids = demo_ids(server, tokens["admin"])
            ids["getIndicatorsByIdComparison"] = seed_comparison(server, tokens["admin"])
            checker = Checker(doc, server, tokens, ids)
            for op in ops:
                try:
                    checker.operation(op)
                except Failure as e:
                    print("FAIL GET %-45s %s" % (op.path, op.op_id))
                    failures.append(str(e))
        finally:
            server.stop()
    if failures:
        raise Failure("%d of %d GET operations do not match openapi.yaml:\n\n%s" % (
            len(failures), len(ops), "\n\n".join(failures)))
    print("%d GET operations match openapi.yaml" % len(ops))


def main(argv):
    if len(argv) != 3:
        print("usage: openapi_replies.py FOLJA_BINARY SOURCE_ROOT", file=sys.stderr)
        return 2
    try:
        run(argv[1], argv[2])
    except Failure as e:
        print("FAIL " + str(e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
