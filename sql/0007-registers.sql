-- The registers the reports need besides lex Sarah and decisions (DESIGN.md "Registers the
-- reports need"): risks with their reviews and the economic sensitivity analysis, internal
-- control with its results per period, audits, actions with their follow-ups, complaints
-- (synpunkter och klagomål), work-environment incidents and lex Maria; and the decisions not
-- executed keep every interruption and resumption instead of one pair.
--
-- Every register is de-identified like the first two (the API screens every text field for
-- personnummer).  `synthetic` marks demo rows made to reproduce a count a seed report gives
-- without the rows behind it; rows written through the API are never synthetic.  Nested lists
-- (a risk's reviews, a control's results, an action's follow-ups, a decision's interruptions)
-- are rows of their own, written whole with their parent and deleted with it.

-- ==== decisions: every interruption kept =====================================================

CREATE TABLE decision_interruptions (
	id              INTEGER PRIMARY KEY,
	decision_id     INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
	interrupted_on  TEXT NOT NULL,
	resumed_on      TEXT CHECK (resumed_on IS NULL OR resumed_on >= interrupted_on)
);
CREATE INDEX decision_interruptions_decision
	ON decision_interruptions(decision_id, interrupted_on);
INSERT INTO decision_interruptions (decision_id, interrupted_on, resumed_on)
	SELECT id, interrupted_on, resumed_on FROM decisions WHERE interrupted_on IS NOT NULL;
ALTER TABLE decisions DROP COLUMN interrupted_on;
ALTER TABLE decisions DROP COLUMN resumed_on;

-- ==== risks ==================================================================================

-- value = probability × consequence when both are given, else as stated (the seeds print only
-- "Riskvärde 15"); NULL while the risk is not valued.  The colour of a review is how the
-- measures work, not a function of the value.
CREATE TABLE risks (
	id           INTEGER PRIMARY KEY,
	unit_id      INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	year         INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
	type         TEXT CHECK (type IN ('omvarld', 'medarbetare', 'verksamhet', 'finansiell',
	                 'ovrigt')),
	description  TEXT NOT NULL,
	probability  INTEGER CHECK (probability BETWEEN 1 AND 5),
	consequence  INTEGER CHECK (consequence BETWEEN 1 AND 5),
	value        INTEGER CHECK (value BETWEEN 1 AND 25),
	measures     TEXT,
	owner        TEXT,
	synthetic    INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK ((probability IS NULL) = (consequence IS NULL)),
	CHECK (probability IS NULL OR value = probability * consequence)
);
CREATE INDEX risks_unit_year ON risks(unit_id, year);

CREATE TABLE risk_reviews (
	id           INTEGER PRIMARY KEY,
	risk_id      INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
	reviewed_on  TEXT NOT NULL,
	probability  INTEGER CHECK (probability BETWEEN 1 AND 5),
	consequence  INTEGER CHECK (consequence BETWEEN 1 AND 5),
	value        INTEGER CHECK (value BETWEEN 1 AND 25),
	color        TEXT CHECK (color IN ('gron', 'gul', 'rod')),
	comment      TEXT,
	CHECK ((probability IS NULL) = (consequence IS NULL)),
	CHECK (probability IS NULL OR value = probability * consequence)
);
CREATE INDEX risk_reviews_risk ON risk_reviews(risk_id, reviewed_on);

-- Economic risks and possibilities for the year's result (seed 002 "Risk- och
-- känslighetsanalys"), signed like the ledger: positive is favourable.  An analysis is made
-- as at a period; period_first and period_last are its days, for filtering.
CREATE TABLE risk_sensitivities (
	id            INTEGER PRIMARY KEY,
	unit_id       INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	period        TEXT NOT NULL,
	period_first  TEXT NOT NULL,
	period_last   TEXT NOT NULL,
	description   TEXT NOT NULL,
	amount_kr     INTEGER NOT NULL CHECK (amount_kr BETWEEN -9000000000000000
	                  AND 9000000000000000),
	synthetic     INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX risk_sensitivities_period ON risk_sensitivities(period_last);

-- ==== internal control =======================================================================

CREATE TABLE internal_controls (
	id           INTEGER PRIMARY KEY,
	unit_id      INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	year         INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
	process      TEXT NOT NULL,
	risk_id      INTEGER REFERENCES risks(id) ON DELETE RESTRICT,
	control      TEXT NOT NULL,
	method       TEXT,
	frequency    TEXT,
	responsible  TEXT,
	synthetic    INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX internal_controls_unit_year ON internal_controls(unit_id, year);

CREATE TABLE internal_control_results (
	id           INTEGER PRIMARY KEY,
	control_id   INTEGER NOT NULL REFERENCES internal_controls(id) ON DELETE CASCADE,
	period       TEXT NOT NULL,
	period_last  TEXT NOT NULL,
	result       TEXT NOT NULL CHECK (result IN ('ej_genomford', 'utan_avvikelse',
	                 'med_avvikelse')),
	findings     TEXT
);
CREATE INDEX internal_control_results_control ON internal_control_results(control_id);

-- ==== audits: granskningar, the auditors' reviews, IVO inspections, contract follow-ups ======

CREATE TABLE audits (
	id          INTEGER PRIMARY KEY,
	unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	kind        TEXT NOT NULL CHECK (kind IN ('intern', 'revision', 'ivo', 'avtal', 'ovrigt')),
	subject     TEXT NOT NULL,
	done_on     TEXT NOT NULL,
	findings    TEXT,
	synthetic   INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX audits_done ON audits(done_on);

-- ==== actions and their follow-ups ===========================================================

-- origin_id names a row of the register origin_kind names (budget: a unit; goal, risk,
-- internal_control, lex_sarah, audit: their registers); a committee decision has none and is
-- named by decision_ref.  The API refuses an id that names nothing; the triggers below keep
-- a row from being deleted while an action points at it.
CREATE TABLE actions (
	id                  INTEGER PRIMARY KEY,
	unit_id             INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	title               TEXT NOT NULL,
	description         TEXT,
	origin_kind         TEXT NOT NULL CHECK (origin_kind IN ('budget', 'goal', 'risk',
	                        'internal_control', 'lex_sarah', 'audit', 'committee')),
	origin_id           INTEGER,
	decided_on          TEXT,
	decision_ref        TEXT,
	owner               TEXT,
	due_on              TEXT,
	status              TEXT NOT NULL CHECK (status IN ('planerad', 'pagaende', 'genomford',
	                        'avbruten')),
	effect_planned_kr   INTEGER,
	effect_realised_kr  INTEGER,
	synthetic           INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version             INTEGER NOT NULL DEFAULT 1,
	created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK (origin_kind <> 'committee' OR origin_id IS NULL)
);
CREATE INDEX actions_origin ON actions(origin_kind, origin_id);
CREATE INDEX actions_decided ON actions(decided_on);

CREATE TABLE action_follow_ups (
	id          INTEGER PRIMARY KEY,
	action_id   INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	followed_on TEXT NOT NULL,
	text        TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('planerad', 'pagaende', 'genomford',
	                'avbruten')),
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX action_follow_ups_action ON action_follow_ups(action_id, followed_on);

CREATE TRIGGER actions_origin_risk BEFORE DELETE ON risks
WHEN EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'risk' AND origin_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an action has this risk as its origin'); END;
CREATE TRIGGER actions_origin_control BEFORE DELETE ON internal_controls
WHEN EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'internal_control'
	AND origin_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an action has this internal control as its origin'); END;
CREATE TRIGGER actions_origin_audit BEFORE DELETE ON audits
WHEN EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'audit' AND origin_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an action has this audit as its origin'); END;
CREATE TRIGGER actions_origin_lex_sarah BEFORE DELETE ON lex_sarah_reports
WHEN EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'lex_sarah' AND origin_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an action has this lex Sarah report as its origin'); END;
CREATE TRIGGER actions_origin_goal BEFORE DELETE ON goals
WHEN EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'goal' AND origin_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an action has this goal as its origin'); END;
CREATE TRIGGER actions_origin_unit BEFORE DELETE ON units
WHEN EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'budget' AND origin_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an action has this unit''s budget as its origin'); END;

-- ==== complaints (synpunkter och klagomål) ===================================================

CREATE TABLE complaints (
	id           INTEGER PRIMARY KEY,
	unit_id      INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	received_on  TEXT NOT NULL,
	channel      TEXT,
	kind         TEXT NOT NULL CHECK (kind IN ('klagomal', 'synpunkt', 'berom', 'forslag')),
	category     TEXT,
	summary      TEXT,
	handled_on   TEXT CHECK (handled_on IS NULL OR handled_on >= received_on),
	outcome      TEXT CHECK (outcome IN ('atgardat', 'ej_atgardat', 'hanvisat', 'ovrigt')),
	synthetic    INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX complaints_received ON complaints(received_on);

-- ==== work-environment incidents =============================================================

CREATE TABLE incidents (
	id                        INTEGER PRIMARY KEY,
	unit_id                   INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	occurred_on               TEXT NOT NULL,
	kind                      TEXT NOT NULL CHECK (kind IN ('tillbud', 'olycksfall',
	                              'arbetssjukdom', 'fardolycksfall', 'egendom_sakerhet')),
	category                  TEXT,
	summary                   TEXT,
	status                    TEXT NOT NULL CHECK (status IN ('anmald', 'utredd')),
	reported_to_authority_on  TEXT,
	synthetic                 INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version                   INTEGER NOT NULL DEFAULT 1,
	created_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX incidents_occurred ON incidents(occurred_on);

-- ==== lex Maria (patientsäkerhetslagen 3 kap. 5 §) ===========================================

CREATE TABLE lex_maria_reports (
	id                     INTEGER PRIMARY KEY,
	unit_id                INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	occurred_on            TEXT,
	notified_on            TEXT NOT NULL,
	category               TEXT NOT NULL,
	harm                   TEXT NOT NULL CHECK (harm IN ('vardskada', 'allvarlig_vardskada',
	                           'risk_allvarlig_vardskada')),
	summary                TEXT,
	investigation_done_on  TEXT,
	measures               TEXT,
	synthetic              INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version                INTEGER NOT NULL DEFAULT 1,
	created_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX lex_maria_notified ON lex_maria_reports(notified_on);
