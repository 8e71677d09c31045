-- The economy beyond the operating budget: investments, budget frame changes, forecasts per
-- ledger cell, named activity and account codes, and the basis of a unit's budget assessment.
--
-- A budget line now says which ledger it belongs to: the operating budget (drift) or
-- investments (investering), optionally on a project.  A budget line is the original budget
-- or a change of the frame decided later (budget_kind), with the decision's date and
-- reference.  The aggregates keep the ledgers apart: sql/0002-budget.sql's three (unit,
-- activity, account) hold drift alone, and a budget change under the measure 'budget_change'
-- (agg_measure below), so a rollup can show the original budget, its changes and the sum;
-- investments are summed per unit × project.  Forecasts are also summed per unit × activity ×
-- account, the ledger cell whose latest forecast a rollup takes.  The triggers are replaced
-- to feed all five; a bulk import does the same work itself (src/db/budget_import.c).

ALTER TABLE budget_lines ADD COLUMN ledger TEXT NOT NULL DEFAULT 'drift'
	CHECK (ledger IN ('drift', 'investering'));
ALTER TABLE budget_lines ADD COLUMN project TEXT;
ALTER TABLE budget_lines ADD COLUMN budget_kind TEXT NOT NULL DEFAULT 'original'
	CHECK (budget_kind IN ('original', 'change'));
ALTER TABLE budget_lines ADD COLUMN decided_on TEXT;
ALTER TABLE budget_lines ADD COLUMN decision_ref TEXT;
-- the measure the aggregates keep a line under: a budget change apart from the original
ALTER TABLE budget_lines ADD COLUMN agg_measure TEXT GENERATED ALWAYS AS
	(CASE WHEN measure = 'budget' AND budget_kind = 'change' THEN 'budget_change'
	 ELSE measure END) VIRTUAL;

-- Forecasts of the operating ledger per cell (unit × activity × account) and month made.
CREATE TABLE budget_agg_forecast (
	unit_id     INTEGER NOT NULL,
	year        INTEGER NOT NULL,
	activity    TEXT NOT NULL,
	account     TEXT NOT NULL,
	month       INTEGER NOT NULL,
	amount_kr   INTEGER NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       INTEGER NOT NULL,
	PRIMARY KEY (unit_id, year, activity, account, month)
) WITHOUT ROWID;

-- Investments per unit × project ('' for none) × measure × month (0: an annual budget).
CREATE TABLE budget_agg_project (
	unit_id     INTEGER NOT NULL,
	year        INTEGER NOT NULL,
	project     TEXT NOT NULL,
	measure     TEXT NOT NULL,
	month       INTEGER NOT NULL,
	amount_kr   INTEGER NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       INTEGER NOT NULL,
	PRIMARY KEY (unit_id, year, project, measure, month)
) WITHOUT ROWID;

-- Every line so far is a drift line and an original budget: only the forecasts are new.
INSERT INTO budget_agg_forecast
	SELECT unit_id, year, coalesce(activity, ''), coalesce(account, ''), month,
		sum(amount_kr), count(*)
	FROM budget_lines WHERE measure = 'forecast' GROUP BY 1, 2, 3, 4, 5;

DROP TRIGGER budget_lines_agg_insert;
DROP TRIGGER budget_lines_agg_delete;
DROP TRIGGER budget_lines_agg_update;

-- Each statement applies to the lines its WHERE names (an INSERT ... SELECT of none adds
-- nothing; an UPDATE of another ledger's key changes nothing).
CREATE TRIGGER budget_lines_agg_insert AFTER INSERT ON budget_lines
	WHEN NOT EXISTS (SELECT 1 FROM budget_import_running) BEGIN
	INSERT INTO budget_agg_unit SELECT NEW.unit_id, NEW.year, NEW.agg_measure,
		coalesce(NEW.month, 0), NEW.amount_kr, 1 WHERE NEW.ledger = 'drift'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_activity SELECT NEW.unit_id, NEW.year, coalesce(NEW.activity, ''),
		NEW.agg_measure, coalesce(NEW.month, 0), NEW.amount_kr, 1 WHERE NEW.ledger = 'drift'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_account SELECT NEW.unit_id, NEW.year, coalesce(NEW.account, ''),
		NEW.agg_measure, coalesce(NEW.month, 0), NEW.amount_kr, 1 WHERE NEW.ledger = 'drift'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_forecast SELECT NEW.unit_id, NEW.year, coalesce(NEW.activity, ''),
		coalesce(NEW.account, ''), NEW.month, NEW.amount_kr, 1
		WHERE NEW.ledger = 'drift' AND NEW.measure = 'forecast'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_project SELECT NEW.unit_id, NEW.year, coalesce(NEW.project, ''),
		NEW.agg_measure, coalesce(NEW.month, 0), NEW.amount_kr, 1
		WHERE NEW.ledger = 'investering'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
END;

CREATE TRIGGER budget_lines_agg_delete AFTER DELETE ON budget_lines BEGIN
	UPDATE budget_agg_unit SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'drift' AND unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0);
	DELETE FROM budget_agg_unit WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0) AND lines = 0;
	UPDATE budget_agg_activity SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'drift' AND unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0)
		AND activity = coalesce(OLD.activity, '');
	DELETE FROM budget_agg_activity WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0)
		AND activity = coalesce(OLD.activity, '') AND lines = 0;
	UPDATE budget_agg_account SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'drift' AND unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0)
		AND account = coalesce(OLD.account, '');
	DELETE FROM budget_agg_account WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0)
		AND account = coalesce(OLD.account, '') AND lines = 0;
	UPDATE budget_agg_forecast SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'drift' AND OLD.measure = 'forecast' AND unit_id = OLD.unit_id
		AND year = OLD.year AND activity = coalesce(OLD.activity, '')
		AND account = coalesce(OLD.account, '') AND month = OLD.month;
	DELETE FROM budget_agg_forecast WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND activity = coalesce(OLD.activity, '') AND account = coalesce(OLD.account, '')
		AND month = OLD.month AND lines = 0;
	UPDATE budget_agg_project SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'investering' AND unit_id = OLD.unit_id AND year = OLD.year
		AND project = coalesce(OLD.project, '') AND measure = OLD.agg_measure
		AND month = coalesce(OLD.month, 0);
	DELETE FROM budget_agg_project WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND project = coalesce(OLD.project, '') AND measure = OLD.agg_measure
		AND month = coalesce(OLD.month, 0) AND lines = 0;
END;

-- An update is a delete of the old fact and an insert of the new one.
CREATE TRIGGER budget_lines_agg_update AFTER UPDATE OF unit_id, activity, account, year, month,
	measure, amount_kr, ledger, project, budget_kind ON budget_lines BEGIN
	UPDATE budget_agg_unit SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'drift' AND unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0);
	DELETE FROM budget_agg_unit WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0) AND lines = 0;
	UPDATE budget_agg_activity SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'drift' AND unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0)
		AND activity = coalesce(OLD.activity, '');
	DELETE FROM budget_agg_activity WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0)
		AND activity = coalesce(OLD.activity, '') AND lines = 0;
	UPDATE budget_agg_account SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'drift' AND unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0)
		AND account = coalesce(OLD.account, '');
	DELETE FROM budget_agg_account WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND measure = OLD.agg_measure AND month = coalesce(OLD.month, 0)
		AND account = coalesce(OLD.account, '') AND lines = 0;
	UPDATE budget_agg_forecast SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'drift' AND OLD.measure = 'forecast' AND unit_id = OLD.unit_id
		AND year = OLD.year AND activity = coalesce(OLD.activity, '')
		AND account = coalesce(OLD.account, '') AND month = OLD.month;
	DELETE FROM budget_agg_forecast WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND activity = coalesce(OLD.activity, '') AND account = coalesce(OLD.account, '')
		AND month = OLD.month AND lines = 0;
	UPDATE budget_agg_project SET amount_kr = amount_kr - OLD.amount_kr, lines = lines - 1
		WHERE OLD.ledger = 'investering' AND unit_id = OLD.unit_id AND year = OLD.year
		AND project = coalesce(OLD.project, '') AND measure = OLD.agg_measure
		AND month = coalesce(OLD.month, 0);
	DELETE FROM budget_agg_project WHERE unit_id = OLD.unit_id AND year = OLD.year
		AND project = coalesce(OLD.project, '') AND measure = OLD.agg_measure
		AND month = coalesce(OLD.month, 0) AND lines = 0;
	INSERT INTO budget_agg_unit SELECT NEW.unit_id, NEW.year, NEW.agg_measure,
		coalesce(NEW.month, 0), NEW.amount_kr, 1 WHERE NEW.ledger = 'drift'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_activity SELECT NEW.unit_id, NEW.year, coalesce(NEW.activity, ''),
		NEW.agg_measure, coalesce(NEW.month, 0), NEW.amount_kr, 1 WHERE NEW.ledger = 'drift'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_account SELECT NEW.unit_id, NEW.year, coalesce(NEW.account, ''),
		NEW.agg_measure, coalesce(NEW.month, 0), NEW.amount_kr, 1 WHERE NEW.ledger = 'drift'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_forecast SELECT NEW.unit_id, NEW.year, coalesce(NEW.activity, ''),
		coalesce(NEW.account, ''), NEW.month, NEW.amount_kr, 1
		WHERE NEW.ledger = 'drift' AND NEW.measure = 'forecast'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
	INSERT INTO budget_agg_project SELECT NEW.unit_id, NEW.year, coalesce(NEW.project, ''),
		NEW.agg_measure, coalesce(NEW.month, 0), NEW.amount_kr, 1
		WHERE NEW.ledger = 'investering'
		ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr,
		lines = lines + 1;
END;

-- The code lists that name the activities (verksamheter) and accounts (kostnadsslag) lines
-- are booked on.  Lines are not tied to them: a code no list names shows as itself.  An
-- account is plain, a group (a subtotal over the accounts under it) or a varav (a part of its
-- parent account, printed below it); the rules of the hierarchy are include/folja/economy.h's.
-- Siblings are shown by sort, then code.
CREATE TABLE activities (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE CHECK (length(code) >= 1),
	name        TEXT NOT NULL,
	sort        INTEGER NOT NULL DEFAULT 0,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE accounts (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE CHECK (length(code) >= 1),
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL DEFAULT 'account' CHECK (kind IN ('account', 'group', 'varav')),
	parent      TEXT REFERENCES accounts(code) ON UPDATE CASCADE ON DELETE RESTRICT,
	sort        INTEGER NOT NULL DEFAULT 0,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK (parent IS NULL OR parent <> code)
);
CREATE INDEX accounts_parent ON accounts(parent);

-- What a unit's budget assessment compares: the period's outcome (NULL: as the parent's, at
-- the top the outcome) or the year's forecast.
ALTER TABLE unit_budget_settings ADD COLUMN basis TEXT
	CHECK (basis IS NULL OR basis IN ('outcome', 'forecast'));
