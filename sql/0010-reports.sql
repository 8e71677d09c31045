-- Reports: the document the committee decides (delårsrapport, tertialrapport,
-- verksamhetsberättelse, månadsrapport), its templates, its revisions, and the period locks
-- (bokslut) that keep the books of a decided period closed.
--
-- A template is an ordered list of sections {key, title, type, params} kept as JSON text; a
-- report copies its template's sections when it is made, so editing a template later changes
-- no existing report.  A report has revisions 1, 2, ...: the newest is a draft (its narrative
-- sections editable, its figures computed on every read) or locked.  Locking stores the JSON,
-- Markdown and HTML renderings once, with the SHA-256 of the JSON: every later read of that
-- revision returns those bytes, whatever the code or the data do afterwards.  A new revision
-- may be opened only over a locked one.
--
-- A period lock says that the facts of a unit's subtree on or before a month are closed for
-- the kinds it names; writes of covered facts are refused unless an admin overrides with a
-- reason (kept in the audit log).

CREATE TABLE report_templates (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('manadsrapport', 'tertialrapport',
	                'delarsrapport', 'verksamhetsberattelse')),
	name        TEXT NOT NULL,
	is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
	builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
	sections    TEXT NOT NULL CHECK (json_valid(sections) AND json_type(sections) = 'array'),
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
-- A report of a kind is made from the kind's one default template unless it names another.
CREATE UNIQUE INDEX report_templates_default ON report_templates(kind) WHERE is_default = 1;

CREATE TABLE reports (
	id          INTEGER PRIMARY KEY,
	unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	kind        TEXT NOT NULL CHECK (kind IN ('manadsrapport', 'tertialrapport',
	                'delarsrapport', 'verksamhetsberattelse')),
	period      TEXT NOT NULL,
	title       TEXT NOT NULL,
	template_id INTEGER REFERENCES report_templates(id) ON DELETE RESTRICT,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX reports_unit ON reports(unit_id, period);

-- One revision of a report.  `sections` is the report's own copy of its template with the
-- narrative of its text sections ([{key, title, type, params, text?}]); `version` is bumped by
-- every edit of a draft (the ETag of If-Match).  The snapshot columns are set when locked.
CREATE TABLE report_revisions (
	report_id     INTEGER NOT NULL REFERENCES reports(id) ON DELETE RESTRICT,
	revision      INTEGER NOT NULL CHECK (revision >= 1),
	status        TEXT NOT NULL CHECK (status IN ('draft', 'locked')),
	version       INTEGER NOT NULL DEFAULT 1,
	sections      TEXT NOT NULL CHECK (json_valid(sections) AND json_type(sections) = 'array'),
	reason        TEXT,
	decided_on    TEXT,
	decision_ref  TEXT,
	locked_at     TEXT,
	sha256        TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
	data_version  INTEGER,
	snapshot_json BLOB,
	snapshot_md   BLOB,
	snapshot_html BLOB,
	created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (report_id, revision),
	-- a locked revision holds all three renderings and the digest; a draft holds none
	CHECK ((status = 'locked') = (snapshot_json IS NOT NULL AND snapshot_md IS NOT NULL
	       AND snapshot_html IS NOT NULL AND sha256 IS NOT NULL AND locked_at IS NOT NULL))
) WITHOUT ROWID;

-- A locked revision never changes again, whatever writes to the file.
CREATE TRIGGER report_revisions_locked BEFORE UPDATE ON report_revisions
WHEN OLD.status = 'locked'
BEGIN
	SELECT RAISE(ABORT, 'a locked report revision cannot be changed');
END;
CREATE TRIGGER report_revisions_locked_delete BEFORE DELETE ON report_revisions
WHEN OLD.status = 'locked'
BEGIN
	SELECT RAISE(ABORT, 'a locked report revision cannot be deleted');
END;

CREATE TABLE period_locks (
	id          INTEGER PRIMARY KEY,
	unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	through     TEXT NOT NULL CHECK (through GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	kinds       TEXT NOT NULL CHECK (json_valid(kinds) AND json_type(kinds) = 'array'),
	reason      TEXT NOT NULL,
	created_by  TEXT,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX period_locks_unit ON period_locks(unit_id);

-- The built-in templates, one per kind, in the order of the seed reports that show each kind
-- (verksamhetsberättelse: Tyresö 2021; delårsrapport: Tyresö augusti 2017; tertialrapport:
-- Haninge T1 2017).  Section params are the query parameters of the endpoint a section shows;
-- the report fills unit_id and its period unless a section says otherwise.
INSERT INTO report_templates (kind, name, is_default, builtin, sections) VALUES
('verksamhetsberattelse', 'Verksamhetsberättelse', 1, 1, json('[
 {"key": "viktiga_handelser", "title": "Viktiga händelser under året", "type": "text", "params": {}},
 {"key": "maldelning", "title": "Måldelning och uppföljning", "type": "text", "params": {}},
 {"key": "sammanfattande_bedomning", "title": "Sammanfattande bedömning", "type": "text", "params": {}},
 {"key": "malomraden", "title": "Målområdenas bedömning under året", "type": "goal_summary",
  "params": {"earlier": [{"period": "T2", "label": "Delår 2"}, {"period": "T1", "label": "Delår 1"}]}},
 {"key": "mal", "title": "Uppföljning och analys av mål och resultat", "type": "goals", "params": {}},
 {"key": "kkik", "title": "Nyckeltal och jämförelser med andra kommuner", "type": "indicators", "params": {}},
 {"key": "lex_sarah", "title": "Lex Sarah", "type": "lex_sarah", "params": {"group_by": "category"}},
 {"key": "ej_verkstallda_beslut", "title": "Ej verkställda beslut", "type": "decisions_summary", "params": {}},
 {"key": "resultatrakning", "title": "Ekonomisk rapport: resultat per verksamhetsområde", "type": "budget",
  "params": {"depth": 2, "scale": "tkr", "rounding": "consistent"}},
 {"key": "verksamheter", "title": "Detaljer underliggande verksamheter", "type": "budget",
  "params": {"group_by": "activity", "scale": "tkr", "rounding": "consistent"}},
 {"key": "ekonomisk_analys", "title": "Utfall jämfört med budget", "type": "text", "params": {}},
 {"key": "risker", "title": "Riskhantering", "type": "risks", "params": {}},
 {"key": "prioriteringar", "title": "Uppdrag och nämndens prioriteringar", "type": "text", "params": {}},
 {"key": "barnbokslut", "title": "Barnbokslut", "type": "text", "params": {}}
]')),
('delarsrapport', 'Delårsrapport', 1, 1, json('[
 {"key": "viktiga_handelser", "title": "Viktiga händelser", "type": "text", "params": {}},
 {"key": "mal", "title": "Mål, uppdrag och kvalitetsgarantier", "type": "goals", "params": {}},
 {"key": "lex_sarah", "title": "Lex Sarah", "type": "lex_sarah", "params": {"group_by": "category"}},
 {"key": "lex_maria", "title": "Lex Maria", "type": "lex_maria", "params": {}},
 {"key": "ej_verkstallda_beslut", "title": "Ej verkställda beslut", "type": "decisions", "params": {}},
 {"key": "uppfoljningar", "title": "Uppföljningar och granskningar", "type": "audits", "params": {}},
 {"key": "volymer", "title": "Volymer", "type": "statistics", "params": {}},
 {"key": "ekonomi", "title": "Ekonomi: utfall till och med perioden", "type": "budget",
  "params": {"scale": "tkr", "rounding": "consistent"}},
 {"key": "verksamheter", "title": "Utfall per verksamhet", "type": "budget",
  "params": {"group_by": "activity", "scale": "tkr", "rounding": "consistent"}},
 {"key": "prognos", "title": "Helårsprognos", "type": "forecast", "params": {"scale": "tkr", "rounding": "consistent"}},
 {"key": "slutsatser", "title": "Slutsatser", "type": "text", "params": {}},
 {"key": "atgarder", "title": "Åtgärder som nämnden vidtagit", "type": "actions", "params": {}}
]')),
('tertialrapport', 'Tertialrapport', 1, 1, json('[
 {"key": "sammanfattning", "title": "Sammanfattning", "type": "text", "params": {}},
 {"key": "viktiga_handelser", "title": "Viktiga händelser och områden", "type": "text", "params": {}},
 {"key": "mal", "title": "Mål och resultat", "type": "goals", "params": {}},
 {"key": "intern_kontroll", "title": "Intern kontroll", "type": "internal_control", "params": {}},
 {"key": "sjukfranvaro", "title": "Sjukfrånvaro", "type": "statistics", "params": {}},
 {"key": "driftredovisning", "title": "Driftredovisning per avdelning", "type": "budget",
  "params": {"depth": 3, "scale": "tkr", "rounding": "consistent"}},
 {"key": "verksamheter", "title": "Resultat per verksamhet", "type": "budget",
  "params": {"group_by": "activity", "scale": "tkr", "rounding": "consistent"}},
 {"key": "arsprognos", "title": "Årsprognos", "type": "forecast", "params": {"depth": 3, "scale": "tkr", "rounding": "consistent"}},
 {"key": "risker", "title": "Risk- och känslighetsanalys", "type": "risks", "params": {}},
 {"key": "investeringar", "title": "Investeringsredovisning", "type": "investments", "params": {}},
 {"key": "verksamhetsstatistik", "title": "Verksamhetsstatistik", "type": "statistics", "params": {}},
 {"key": "lex_sarah", "title": "Uppföljning av lex Sarah", "type": "lex_sarah", "params": {"group_by": "unit"}},
 {"key": "tillbud", "title": "Tillbud, olycksfall och ärenden gällande egendom och säkerhet", "type": "incidents", "params": {}},
 {"key": "synpunkter", "title": "Rapporterade synpunkter", "type": "complaints", "params": {}},
 {"key": "upphandling", "title": "Upphandling", "type": "text", "params": {}}
]')),
('manadsrapport', 'Månadsrapport', 1, 1, json('[
 {"key": "kommentar", "title": "Kommentar", "type": "text", "params": {}},
 {"key": "ekonomi", "title": "Ekonomi till och med månaden", "type": "budget",
  "params": {"depth": 2, "scale": "tkr", "rounding": "consistent"}},
 {"key": "prognos", "title": "Helårsprognos", "type": "forecast", "params": {"depth": 2, "scale": "tkr", "rounding": "consistent"}},
 {"key": "mal", "title": "Måluppfyllelse", "type": "goals", "params": {}}
]'));
