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
-- subtree is one range per unit and year, however many facts other breakdowns hold.  The
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
	                    AND json_type(dimensions) = 'array' AND json_array_length(dimensions) <= 4),
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

-- An indicator may take its values from a statistic: the statistic's table at the
-- indicator's unit for each period, filtered by `dims` (a JSON object {dimension: value};
-- the dimensions it omits are totals).  Targets, assessment and trend stay the indicator's.
ALTER TABLE indicators ADD COLUMN statistic_id INTEGER REFERENCES statistics(id)
	ON DELETE RESTRICT;
ALTER TABLE indicators ADD COLUMN dims TEXT;
