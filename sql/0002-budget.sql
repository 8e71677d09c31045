-- Budget follow-up: the ledger facts, the per-unit settings, and the pre-aggregated sums that
-- rollups read.
--
-- A budget line is one fact (budget, outcome or forecast) for a unit, an activity (verksamhet)
-- and an account (kostnadsslag) in a year and month; an annual budget has month NULL and is
-- periodised when read, by the unit's profile.  Rollups never scan the lines: the triggers
-- below keep three aggregates in step with every insert, update and delete, inside the writing
-- transaction, so the aggregates can never disagree with the lines after a commit:
--   budget_agg_unit      per unit × year × measure × month, what the unit tree rollup reads
--   budget_agg_activity  the same per activity too, for group_by=activity
--   budget_agg_account   the same per account too, for group_by=account
-- Month 0 is the annual, unperiodised budget; '' stands for "no activity/account".  Each is
-- read without grouping, so a rollup's cost follows units × months × codes, never lines.
-- Each aggregate row also counts its lines, so a rollup can say how many facts it drew on, and
-- a row whose last line goes away is deleted.

CREATE TABLE budget_lines (
	id          INTEGER PRIMARY KEY,
	unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	activity    TEXT,
	account     TEXT,
	year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
	month       INTEGER CHECK (month BETWEEN 1 AND 12),
	measure     TEXT NOT NULL CHECK (measure IN ('budget', 'outcome', 'forecast')),
	amount_kr   INTEGER NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	-- only a budget may be annual; outcome and forecasts are made in a month
	CHECK (month IS NOT NULL OR measure = 'budget')
);
CREATE INDEX budget_lines_unit ON budget_lines(unit_id, year);

-- Per-unit settings, inherited down the tree by units that have none: the periodisation
-- profile (a JSON array of twelve non-negative integer weights, NULL for linear) and the
-- yellow band of the budget assessment in basis points (200 = 2.00 %).
CREATE TABLE unit_budget_settings (
	unit_id     INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE RESTRICT,
	profile     TEXT CHECK (profile IS NULL OR (json_valid(profile)
	                AND json_type(profile) = 'array' AND json_array_length(profile) = 12)),
	yellow_bp   INTEGER NOT NULL DEFAULT 200 CHECK (yellow_bp BETWEEN 0 AND 10000),
	version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE budget_agg_unit (
	unit_id     INTEGER NOT NULL,
	year        INTEGER NOT NULL,
	measure     TEXT NOT NULL,
	month       INTEGER NOT NULL,
	amount_kr   INTEGER NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       INTEGER NOT NULL,
	PRIMARY KEY (unit_id, year, measure, month)
) WITHOUT ROWID;

CREATE TABLE budget_agg_activity (
	unit_id     INTEGER NOT NULL,
	year        INTEGER NOT NULL,
	activity    TEXT NOT NULL,
	measure     TEXT NOT NULL,
	month       INTEGER NOT NULL,
	amount_kr   INTEGER NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       INTEGER NOT NULL,
	PRIMARY KEY (unit_id, year, activity, measure, month)
) WITHOUT ROWID;

CREATE TABLE budget_agg_account (
	unit_id     INTEGER NOT NULL,
	year        INTEGER NOT NULL,
	account     TEXT NOT NULL,
	measure     TEXT NOT NULL,
	month       INTEGER NOT NULL,
	amount_kr   INTEGER NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       INTEGER NOT NULL,
	PRIMARY KEY (unit_id, year, account, measure, month)
) WITHOUT ROWID;

-- A bulk import sums its lines per aggregate key itself and writes each key once; while it
-- runs, its own transaction holds a row here and the insert trigger stands aside.  Other
-- connections never see the row: it is inserted and deleted inside that transaction.
CREATE TABLE budget_import_running (one INTEGER PRIMARY KEY CHECK (one = 1));

CREATE TRIGGER budget_lines_agg_insert AFTER INSERT ON budget_lines
	WHEN NOT EXISTS (SELECT 1 FROM budget_import_running) BEGIN
	INSERT INTO budget_agg_unit VALUES (NEW.unit_id, NEW.year, NEW.measure,
		coalesce(NEW.month, 0), NEW.amount_kr, 1)
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_activity VALUES (NEW.unit_id, NEW.year, coalesce(NEW.activity, ''),
		NEW.measure, coalesce(NEW.month, 0), NEW.amount_kr, 1)
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_account VALUES (NEW.unit_id, NEW.year, coalesce(NEW.account, ''),
		NEW.measure, coalesce(NEW.month, 0), NEW.amount_kr, 1)
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
END;

CREATE TRIGGER budget_lines_agg_delete AFTER DELETE ON budget_lines BEGIN
	UPDATE budget_agg_unit SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0);
	DELETE FROM budget_agg_unit WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND lines = 0;
	UPDATE budget_agg_activity SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND activity = coalesce(OLD.activity, '');
	DELETE FROM budget_agg_activity WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND activity = coalesce(OLD.activity, '') AND lines = 0;
	UPDATE budget_agg_account SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND account = coalesce(OLD.account, '');
	DELETE FROM budget_agg_account WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND account = coalesce(OLD.account, '') AND lines = 0;
END;

-- An update is a delete of the old fact and an insert of the new one.
CREATE TRIGGER budget_lines_agg_update AFTER UPDATE OF unit_id, activity, account, year, month,
	measure, amount_kr ON budget_lines BEGIN
	UPDATE budget_agg_unit SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0);
	DELETE FROM budget_agg_unit WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND lines = 0;
	UPDATE budget_agg_activity SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND activity = coalesce(OLD.activity, '');
	DELETE FROM budget_agg_activity WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND activity = coalesce(OLD.activity, '') AND lines = 0;
	UPDATE budget_agg_account SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND account = coalesce(OLD.account, '');
	DELETE FROM budget_agg_account WHERE unit_id = OLD.unit_id AND year = OLD.year AND measure = OLD.measure
		AND month = coalesce(OLD.month, 0) AND account = coalesce(OLD.account, '') AND lines = 0;
	INSERT INTO budget_agg_unit VALUES (NEW.unit_id, NEW.year, NEW.measure,
		coalesce(NEW.month, 0), NEW.amount_kr, 1)
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_activity VALUES (NEW.unit_id, NEW.year, coalesce(NEW.activity, ''),
		NEW.measure, coalesce(NEW.month, 0), NEW.amount_kr, 1)
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_account VALUES (NEW.unit_id, NEW.year, coalesce(NEW.account, ''),
		NEW.measure, coalesce(NEW.month, 0), NEW.amount_kr, 1)
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
END;
