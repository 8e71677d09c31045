-- Goals and indicators: the goal tree (målområde → strategiskt mål → nämndmål → enhetsmål,
-- kvalitetsmål, uppdrag, kvalitetsgarantier, prioriteringar), its manual assessments (a history:
-- every assessment made is kept, the latest for a period counts), the indicators that measure
-- goals with their values per period, and other municipalities' values of the same KPI
-- (Kolada) for comparison.  Colours of goals are computed on request from children; only what
-- a person decided or measured is stored.

CREATE TABLE goals (
	id            INTEGER PRIMARY KEY,
	parent_id     INTEGER REFERENCES goals(id) ON DELETE RESTRICT,
	level         TEXT NOT NULL CHECK (level IN ('malomrade', 'strategiskt_mal', 'namndmal',
	                  'enhetsmal', 'kvalitetsmal', 'uppdrag', 'kvalitetsgaranti', 'prioritering')),
	title         TEXT NOT NULL,
	description   TEXT,
	unit_id       INTEGER REFERENCES units(id) ON DELETE RESTRICT,
	year_from     INTEGER,
	year_to       INTEGER,
	target_share  INTEGER NOT NULL DEFAULT 100 CHECK (target_share BETWEEN 0 AND 100),
	yellow_share  INTEGER NOT NULL DEFAULT 50 CHECK (yellow_share BETWEEN 0 AND 100),
	agenda2030    TEXT NOT NULL DEFAULT '[]',   -- JSON array of SDG numbers 1..17
	sort          INTEGER NOT NULL DEFAULT 0,   -- order among siblings, as the report prints them
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK (year_to IS NULL OR year_from IS NULL OR year_to >= year_from)
);
CREATE INDEX goals_parent ON goals(parent_id);
CREATE INDEX goals_unit ON goals(unit_id);

CREATE TABLE goal_assessments (
	id          INTEGER PRIMARY KEY,
	goal_id     INTEGER NOT NULL REFERENCES goals(id) ON DELETE RESTRICT,
	period      TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('helt', 'i_hog_grad', 'delvis', 'ej', 'ej_bedomd',
	                'ej_paborjad', 'paborjad', 'fardig', 'uppfylld', 'ej_uppfylld')),
	color       TEXT CHECK (color IN ('gron', 'gul', 'rod')),
	comment     TEXT,
	created_by  TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX goal_assessments_goal ON goal_assessments(goal_id, period);

CREATE TABLE indicators (
	id                INTEGER PRIMARY KEY,
	goal_id           INTEGER REFERENCES goals(id) ON DELETE RESTRICT,
	unit_id           INTEGER REFERENCES units(id) ON DELETE RESTRICT,
	name              TEXT NOT NULL,
	measure_unit      TEXT NOT NULL CHECK (measure_unit IN ('percent', 'count', 'kr', 'tkr', 'days',
	                      'ratio')),
	direction         TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
	target            REAL,
	yellow_tolerance  REAL NOT NULL DEFAULT 0 CHECK (yellow_tolerance >= 0),
	decimals          INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 6),
	kolada_kpi        TEXT,
	source            TEXT,
	sort              INTEGER NOT NULL DEFAULT 0,
	version           INTEGER NOT NULL DEFAULT 1,
	created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX indicators_goal ON indicators(goal_id);

-- One value per indicator and period (any period kind).  `value` NULL needs a reason (too few
-- respondents, not yet published).  `target` overrides the indicator's target for the period.
-- `sort_key` orders periods in time: year * 100 + last month, kind breaking ties.
CREATE TABLE indicator_values (
	indicator_id  INTEGER NOT NULL REFERENCES indicators(id) ON DELETE RESTRICT,
	period        TEXT NOT NULL,
	kind          INTEGER NOT NULL,
	sort_key      INTEGER NOT NULL,
	value         REAL,
	null_reason   TEXT,
	target        REAL,
	comment       TEXT,
	updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (indicator_id, period),
	CHECK (value IS NOT NULL OR null_reason IS NOT NULL)
);

-- Other municipalities' values of a KPI for a year, as Kolada publishes them (gender T).
CREATE TABLE peer_values (
	kpi           TEXT NOT NULL,
	year          INTEGER NOT NULL,
	municipality  TEXT NOT NULL,
	value         REAL,
	PRIMARY KEY (kpi, year, municipality)
);
