-- Statistics: activity and personnel figures with breakdowns (seed 002's verksamhetsstatistik
-- and sick leave, seed 003's volumes), and indicators that take their values from them.
--
-- A statistic says how its facts add up (`aggregate`): `sum` (counts of events, kronor,
-- days), `ratio` (a numerator over a denominator: sick hours over scheduled hours, never a
-- mean of percentages) or `distinct` (unika personer, never added up across periods or
-- units).  Its `dimensions` are an ordered JSON list [{name, label?, values: [codes],
-- labels?: [texts]}] of at most four breakdowns (gender, age group, ...).
--
-- A fact is one figure of a unit, a period and one value of some of the dimensions; a
-- dimension it omits is the total over that dimension.  The dimension values are kept twice:
-- as their 1-based positions d1..d4 in the statistic's lists (0: omitted), which the tables
-- compute on, and as the canonical JSON object `dims` the API shows.  `mask` has bit i set
-- when dimension i is given, so a table reads exactly the breakdown it shows: the facts are
-- clustered by (statistic, mask, year, unit, dimensions, period) and a table over a unit's
-- subtree is one range per unit and year, however many facts other breakdowns hold, read in
-- the order its sums are grouped in (so SQLite adds up the months without sorting).  The
-- primary key is the fact's natural key (a period is its year, kind and last month), so a
-- second fact for the same unit, period and dimension values is refused.
--
-- A period other than a month covers January through its last month, as the seeds print
-- their figures ("jan-april", "till och med augusti"): month_from is 1 for them and the
-- month itself for a month.  What a fact holds is its `form`: value (sum, distinct), ratio
-- (numerator and denominator), given (a ratio's value as the source printed it, with no
-- hours behind it), share (a part's share of the total as the source printed it) or null
-- (with a reason).
CREATE TABLE statistics (
	id              INTEGER PRIMARY KEY,
	code            TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL,
	description     TEXT,
	measure_unit    TEXT NOT NULL CHECK (measure_unit IN ('count', 'percent', 'days', 'hours',
	                    'kr')),
	aggregate       TEXT NOT NULL CHECK (aggregate IN ('sum', 'ratio', 'distinct')),
	dimensions      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dimensions)
	                    AND json_type(dimensions) = 'array'
	                    AND json_array_length(dimensions) <= 4),
	decimals        INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 6),
	min_population  INTEGER CHECK (min_population >= 0),
	kolada_kpi      TEXT,
	source          TEXT,
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE statistic_facts (
	statistic_id  INTEGER NOT NULL REFERENCES statistics(id) ON DELETE RESTRICT,
	mask          INTEGER NOT NULL CHECK (mask BETWEEN 0 AND 15),
	year          INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
	unit_id       INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	d1            INTEGER NOT NULL DEFAULT 0 CHECK (d1 BETWEEN 0 AND 255),
	d2            INTEGER NOT NULL DEFAULT 0 CHECK (d2 BETWEEN 0 AND 255),
	d3            INTEGER NOT NULL DEFAULT 0 CHECK (d3 BETWEEN 0 AND 255),
	d4            INTEGER NOT NULL DEFAULT 0 CHECK (d4 BETWEEN 0 AND 255),
	month_to      INTEGER NOT NULL CHECK (month_to BETWEEN 1 AND 12),
	kind          INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 4),  -- enum period_kind
	month_from    INTEGER NOT NULL CHECK (month_from BETWEEN 1 AND month_to),
	id            INTEGER NOT NULL UNIQUE,
	period        TEXT NOT NULL,
	dims          TEXT NOT NULL DEFAULT '{}',
	form          TEXT NOT NULL CHECK (form IN ('value', 'ratio', 'given', 'share', 'null')),
	value         REAL,
	numerator     REAL,
	denominator   REAL CHECK (denominator >= 0),
	population    INTEGER CHECK (population >= 0),
	null_reason   TEXT,
	note          TEXT,
	synthetic     INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK ((form = 'null') = (null_reason IS NOT NULL)),
	PRIMARY KEY (statistic_id, mask, year, unit_id, d1, d2, d3, d4, month_to, kind)
) WITHOUT ROWID;
-- The facts of periods other than months, which a table takes as they are when they cover
-- the months it asks for: few beside the monthly facts, and read without them.
CREATE INDEX statistic_facts_periods ON statistic_facts (statistic_id, mask, year, unit_id,
	month_to, month_from, kind, form, value, numerator, denominator, population, null_reason,
	id) WHERE kind != 1;

-- What a table reads of monthly facts: one row per statistic, breakdown, year, unit and
-- dimension values, with the sums of its monthly facts from January through each month
-- (v1..v12 values, n numerators, e denominators), each month's population (p1..p12) and bit
-- sets of the months holding a fact, a given value, a share, a null and a population.  A
-- table over a subtree and any run of months then reads one row per unit and breakdown
-- however many months it covers: the run from..to is v[to] - v[from - 1].
-- statistic_years_view says what a row is; the triggers below rebuild a row from its facts
-- whenever one of them is written, inside the writing transaction.  A bulk import (a row in
-- statistic_import_running, for which the insert trigger stands aside) adds its own sums to
-- each row once, in the same transaction (src/db/statistics_import.c).
CREATE TABLE statistic_years (
	statistic_id  INTEGER NOT NULL,
	mask          INTEGER NOT NULL,
	year          INTEGER NOT NULL,
	unit_id       INTEGER NOT NULL,
	d1            INTEGER NOT NULL,
	d2            INTEGER NOT NULL,
	d3            INTEGER NOT NULL,
	d4            INTEGER NOT NULL,
	months        INTEGER NOT NULL,  -- bit m: month m has a fact
	given         INTEGER NOT NULL,  -- bit m: ... a given value
	share         INTEGER NOT NULL,  -- bit m: ... a share
	nulls         INTEGER NOT NULL,  -- bit m: ... a null fact
	pops          INTEGER NOT NULL,  -- bit m: ... a population
	-- January through month m: the sums of values, numerators and denominators
	v1 REAL, v2 REAL, v3 REAL, v4 REAL, v5 REAL, v6 REAL,
	v7 REAL, v8 REAL, v9 REAL, v10 REAL, v11 REAL, v12 REAL,
	n1 REAL, n2 REAL, n3 REAL, n4 REAL, n5 REAL, n6 REAL,
	n7 REAL, n8 REAL, n9 REAL, n10 REAL, n11 REAL, n12 REAL,
	e1 REAL, e2 REAL, e3 REAL, e4 REAL, e5 REAL, e6 REAL,
	e7 REAL, e8 REAL, e9 REAL, e10 REAL, e11 REAL, e12 REAL,
	-- month m's population
	p1 INTEGER, p2 INTEGER, p3 INTEGER, p4 INTEGER, p5 INTEGER, p6 INTEGER,
	p7 INTEGER, p8 INTEGER, p9 INTEGER, p10 INTEGER, p11 INTEGER, p12 INTEGER,
	PRIMARY KEY (statistic_id, mask, year, unit_id, d1, d2, d3, d4)
) WITHOUT ROWID;

CREATE VIEW statistic_years_view AS SELECT
	f.statistic_id, f.mask, f.year, f.unit_id, f.d1, f.d2, f.d3, f.d4,
	sum(1 << f.month_to) AS months, sum((f.form = 'given') << f.month_to) AS given,
	sum((f.form = 'share') << f.month_to) AS share,
	sum((f.form = 'null') << f.month_to) AS nulls,
	sum((f.population IS NOT NULL) << f.month_to) AS pops,
	total(CASE WHEN f.month_to <= 1 THEN f.value END) AS v1,
	total(CASE WHEN f.month_to <= 2 THEN f.value END) AS v2,
	total(CASE WHEN f.month_to <= 3 THEN f.value END) AS v3,
	total(CASE WHEN f.month_to <= 4 THEN f.value END) AS v4,
	total(CASE WHEN f.month_to <= 5 THEN f.value END) AS v5,
	total(CASE WHEN f.month_to <= 6 THEN f.value END) AS v6,
	total(CASE WHEN f.month_to <= 7 THEN f.value END) AS v7,
	total(CASE WHEN f.month_to <= 8 THEN f.value END) AS v8,
	total(CASE WHEN f.month_to <= 9 THEN f.value END) AS v9,
	total(CASE WHEN f.month_to <= 10 THEN f.value END) AS v10,
	total(CASE WHEN f.month_to <= 11 THEN f.value END) AS v11,
	total(CASE WHEN f.month_to <= 12 THEN f.value END) AS v12,
	total(CASE WHEN f.month_to <= 1 THEN f.numerator END) AS n1,
	total(CASE WHEN f.month_to <= 2 THEN f.numerator END) AS n2,
	total(CASE WHEN f.month_to <= 3 THEN f.numerator END) AS n3,
	total(CASE WHEN f.month_to <= 4 THEN f.numerator END) AS n4,
	total(CASE WHEN f.month_to <= 5 THEN f.numerator END) AS n5,
	total(CASE WHEN f.month_to <= 6 THEN f.numerator END) AS n6,
	total(CASE WHEN f.month_to <= 7 THEN f.numerator END) AS n7,
	total(CASE WHEN f.month_to <= 8 THEN f.numerator END) AS n8,
	total(CASE WHEN f.month_to <= 9 THEN f.numerator END) AS n9,
	total(CASE WHEN f.month_to <= 10 THEN f.numerator END) AS n10,
	total(CASE WHEN f.month_to <= 11 THEN f.numerator END) AS n11,
	total(CASE WHEN f.month_to <= 12 THEN f.numerator END) AS n12,
	total(CASE WHEN f.month_to <= 1 THEN f.denominator END) AS e1,
	total(CASE WHEN f.month_to <= 2 THEN f.denominator END) AS e2,
	total(CASE WHEN f.month_to <= 3 THEN f.denominator END) AS e3,
	total(CASE WHEN f.month_to <= 4 THEN f.denominator END) AS e4,
	total(CASE WHEN f.month_to <= 5 THEN f.denominator END) AS e5,
	total(CASE WHEN f.month_to <= 6 THEN f.denominator END) AS e6,
	total(CASE WHEN f.month_to <= 7 THEN f.denominator END) AS e7,
	total(CASE WHEN f.month_to <= 8 THEN f.denominator END) AS e8,
	total(CASE WHEN f.month_to <= 9 THEN f.denominator END) AS e9,
	total(CASE WHEN f.month_to <= 10 THEN f.denominator END) AS e10,
	total(CASE WHEN f.month_to <= 11 THEN f.denominator END) AS e11,
	total(CASE WHEN f.month_to <= 12 THEN f.denominator END) AS e12,
	max(CASE WHEN f.month_to = 1 THEN f.population END) AS p1,
	max(CASE WHEN f.month_to = 2 THEN f.population END) AS p2,
	max(CASE WHEN f.month_to = 3 THEN f.population END) AS p3,
	max(CASE WHEN f.month_to = 4 THEN f.population END) AS p4,
	max(CASE WHEN f.month_to = 5 THEN f.population END) AS p5,
	max(CASE WHEN f.month_to = 6 THEN f.population END) AS p6,
	max(CASE WHEN f.month_to = 7 THEN f.population END) AS p7,
	max(CASE WHEN f.month_to = 8 THEN f.population END) AS p8,
	max(CASE WHEN f.month_to = 9 THEN f.population END) AS p9,
	max(CASE WHEN f.month_to = 10 THEN f.population END) AS p10,
	max(CASE WHEN f.month_to = 11 THEN f.population END) AS p11,
	max(CASE WHEN f.month_to = 12 THEN f.population END) AS p12
FROM statistic_facts f WHERE f.kind = 1
GROUP BY f.statistic_id, f.mask, f.year, f.unit_id, f.d1, f.d2, f.d3, f.d4;

CREATE TABLE statistic_import_running (one INTEGER PRIMARY KEY CHECK (one = 1));

CREATE TRIGGER statistic_facts_years_insert AFTER INSERT ON statistic_facts
	WHEN NEW.kind = 1 AND NOT EXISTS (SELECT 1 FROM statistic_import_running) BEGIN
	DELETE FROM statistic_years
		WHERE statistic_id = NEW.statistic_id AND mask = NEW.mask AND year = NEW.year
		AND unit_id = NEW.unit_id AND d1 = NEW.d1 AND d2 = NEW.d2 AND d3 = NEW.d3
		AND d4 = NEW.d4;
	INSERT INTO statistic_years SELECT * FROM statistic_years_view
		WHERE statistic_id = NEW.statistic_id AND mask = NEW.mask AND year = NEW.year
		AND unit_id = NEW.unit_id AND d1 = NEW.d1 AND d2 = NEW.d2 AND d3 = NEW.d3
		AND d4 = NEW.d4;
END;

CREATE TRIGGER statistic_facts_years_delete AFTER DELETE ON statistic_facts
	WHEN OLD.kind = 1 BEGIN
	DELETE FROM statistic_years
		WHERE statistic_id = OLD.statistic_id AND mask = OLD.mask AND year = OLD.year
		AND unit_id = OLD.unit_id AND d1 = OLD.d1 AND d2 = OLD.d2 AND d3 = OLD.d3
		AND d4 = OLD.d4;
	INSERT INTO statistic_years SELECT * FROM statistic_years_view
		WHERE statistic_id = OLD.statistic_id AND mask = OLD.mask AND year = OLD.year
		AND unit_id = OLD.unit_id AND d1 = OLD.d1 AND d2 = OLD.d2 AND d3 = OLD.d3
		AND d4 = OLD.d4;
END;

-- An update may move a fact to another row (another unit, period or value) or change it.
CREATE TRIGGER statistic_facts_years_update AFTER UPDATE ON statistic_facts BEGIN
	DELETE FROM statistic_years
		WHERE statistic_id = OLD.statistic_id AND mask = OLD.mask AND year = OLD.year
		AND unit_id = OLD.unit_id AND d1 = OLD.d1 AND d2 = OLD.d2 AND d3 = OLD.d3
		AND d4 = OLD.d4;
	INSERT INTO statistic_years SELECT * FROM statistic_years_view
		WHERE statistic_id = OLD.statistic_id AND mask = OLD.mask AND year = OLD.year
		AND unit_id = OLD.unit_id AND d1 = OLD.d1 AND d2 = OLD.d2 AND d3 = OLD.d3
		AND d4 = OLD.d4;
	DELETE FROM statistic_years
		WHERE statistic_id = NEW.statistic_id AND mask = NEW.mask AND year = NEW.year
		AND unit_id = NEW.unit_id AND d1 = NEW.d1 AND d2 = NEW.d2 AND d3 = NEW.d3
		AND d4 = NEW.d4;
	INSERT INTO statistic_years SELECT * FROM statistic_years_view
		WHERE statistic_id = NEW.statistic_id AND mask = NEW.mask AND year = NEW.year
		AND unit_id = NEW.unit_id AND d1 = NEW.d1 AND d2 = NEW.d2 AND d3 = NEW.d3
		AND d4 = NEW.d4;
END;

-- An indicator may take its values from a statistic: the statistic's table at the
-- indicator's unit for each period, filtered by `dims` (a JSON object {dimension: value};
-- the dimensions it omits are totals).  Targets, assessment and trend stay the indicator's.
ALTER TABLE indicators ADD COLUMN statistic_id INTEGER REFERENCES statistics(id)
	ON DELETE RESTRICT;
ALTER TABLE indicators ADD COLUMN dims TEXT;
