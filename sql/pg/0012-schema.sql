-- The PostgreSQL schema at SQLite schema version 12, in one file: the PostgreSQL back end
-- starts there.  Later migrations come in pairs of the same number, sql/NNNN-x.sql for SQLite
-- and sql/pg/NNNN-x.sql for PostgreSQL.  The migration runner (src/db/pg.c) keeps the numbers
-- applied in folja_migrations, which it creates itself, and runs each file in its own
-- transaction, so this file has no BEGIN or COMMIT.
--
-- The schema is SQLite's after sql/0012-lean-facts.sql, table for table and column for column
-- in the same order, so every query can be written once per engine against the same shape and
-- every row copied across keeping its id.  The SQLite files say what each table is for; this
-- one says only where PostgreSQL differs:
--   * A rowid id (INTEGER PRIMARY KEY) is an identity column BY DEFAULT, so the copy may give
--     ids; it must then set each sequence past the largest id.  Unlike SQLite, which numbers a
--     row max(id) + 1, a sequence never reuses the id of a deleted newest row.
--   * Every other INTEGER is bigint (money is integer kronor), REAL is double precision, BLOB
--     is bytea; flags stay 0/1 integers with their CHECKs, as the C code reads them.
--   * Text is COLLATE "C": compared and ordered byte by byte, as SQLite's BINARY.
--   * A column's CHECK that reads another column (month_from, handled_on, resumed_on) is a
--     table constraint: PostgreSQL wants a column's own to read that column only.
--   * A 'YYYY-MM-DD' column is a date (its text is the same under DateStyle ISO, the default);
--     a 'YYYY-MM-DDTHH:MM:SSZ' column is a timestamptz, read back as text with ts_text()
--     (ts_text_ms() for the two kept to the millisecond).  Periods, year-months and other
--     texts stay text.  A default of "now" is the transaction's start (now(); SQLite's is the
--     statement's), cut to SQLite's precision.
--   * WITHOUT ROWID has no counterpart: those tables are ordinary heaps with their primary key.
--   * A virtual generated column is STORED (the only kind PostgreSQL 15 has).
--   * A trigger is a PL/pgSQL function <trigger>_fn with a trigger of the same name, timing,
--     events and condition.  A WHEN that needs a subquery (PostgreSQL allows none there) calls
--     a function or moves into the function's body.  SQLite runs a row's AFTER trigger at once,
--     PostgreSQL at the end of the statement; every trigger here leaves the same rows either
--     way.  RAISE(ABORT) is an exception of class 23 (integrity constraint violation), the
--     conflict SQLite's constraint error is.

-- ==== helpers ================================================================================

-- A timestamp as SQLite kept it: 'YYYY-MM-DDTHH:MM:SSZ' in UTC.  Fixed to UTC, it depends on
-- no setting, so IMMUTABLE is true although to_char() is only STABLE.  A date needs no
-- helper: it renders as 'YYYY-MM-DD' by itself.
CREATE FUNCTION ts_text(t timestamptz) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') $$;

-- The same to the millisecond, 'YYYY-MM-DDTHH:MM:SS.SSSZ', as SQLite's %f kept audit.at and
-- goal_assessments.created_at.
CREATE FUNCTION ts_text_ms(t timestamptz) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

-- What SQLite's json_valid() and json_type() tell the CHECKs: the JSON type of a text
-- (json_typeof's names), 'invalid' when it is not JSON, NULL for NULL.  A failed cast would be
-- an error rather than a CHECK violation, hence the exception block.
CREATE FUNCTION json_kind(t text) RETURNS text
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	AS $$
BEGIN
	RETURN json_typeof(t::json);
EXCEPTION WHEN OTHERS THEN
	RETURN 'invalid';
END
$$;

-- SQLite's total(): the double precision sum of the non-NULL values from 0.0 in the order
-- they come, 0.0 for none.  Fed in the same order (statistic_years_view orders by month), it
-- adds up to the same bits as SQLite 3.40 does (3.43 and later compensate their sums).
CREATE AGGREGATE total(double precision) (
	SFUNC = float8pl,
	STYPE = double precision,
	INITCOND = '0'
);

-- SQLite's period_text(year, kind, month_to) (src/db/db.c), which the statistics queries
-- call: the canonical text of the period of that kind (enum period_kind: 0 year, 1 month,
-- 2 quarter, 3 tertial, 4 half) in that year ending in that month; NULL when there is none.
CREATE FUNCTION period_text(year bigint, kind bigint, month_to bigint) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$
SELECT CASE
	WHEN year NOT BETWEEN 1900 AND 2200 OR month_to NOT BETWEEN 1 AND 12 THEN NULL
	WHEN kind = 0 AND month_to = 12 THEN year::text
	WHEN kind = 1 THEN year || '-' || lpad(month_to::text, 2, '0')
	WHEN kind = 2 AND month_to % 3 = 0 THEN year || '-Q' || month_to / 3
	WHEN kind = 3 AND month_to % 4 = 0 THEN year || '-T' || month_to / 4
	WHEN kind = 4 AND month_to % 6 = 0 THEN year || '-H' || month_to / 6
END
$$;

-- ==== core: units, tokens, the audit log (0001, 0005, 0006, 0011) ===========================

-- units.code is unique per municipality, checked by the writes (0011); no UNIQUE here.
CREATE TABLE units (
	id                bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	code              text COLLATE "C" NOT NULL,
	name              text COLLATE "C" NOT NULL,
	parent_id         bigint REFERENCES units(id) ON DELETE RESTRICT,
	kind              text COLLATE "C" NOT NULL CHECK (kind IN ('kommun', 'namnd',
	                      'forvaltning', 'verksamhetsomrade', 'avdelning', 'enhet')),
	regi              text COLLATE "C" CHECK (regi IN ('myndighet', 'kommunal_regi', 'extern')),
	active            bigint NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	-- GLOB '[0-9][0-9][0-9][0-9]'
	municipality_code text COLLATE "C" CHECK (municipality_code ~ '^[0-9]{4}$'),
	version           bigint NOT NULL DEFAULT 1,
	created_at        timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at        timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_code ON units(code);

CREATE TABLE tokens (
	id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name          text COLLATE "C" NOT NULL,
	role          text COLLATE "C" NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
	sensitive     bigint NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
	hash          bytea NOT NULL,
	created_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	revoked       bigint NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
	expires_at    timestamptz,
	revoked_at    timestamptz,
	last_used_at  timestamptz,
	rotated_at    timestamptz,
	scope_unit_id bigint REFERENCES units(id) ON DELETE RESTRICT
);

-- token_id has no foreign key: the log outlives the tokens (0005).
CREATE TABLE audit (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	at          timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
	actor       text COLLATE "C" NOT NULL,
	method      text COLLATE "C" NOT NULL,
	path        text COLLATE "C" NOT NULL,
	entity      text COLLATE "C" NOT NULL,
	entity_id   bigint,
	before      text COLLATE "C",
	after       text COLLATE "C",
	token_id    bigint,
	sensitive   bigint NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1))
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

-- ==== budget (0002, 0009) ===================================================================

CREATE TABLE budget_lines (
	id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id       bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	activity      text COLLATE "C",
	account       text COLLATE "C",
	year          bigint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
	month         bigint CHECK (month BETWEEN 1 AND 12),
	measure       text COLLATE "C" NOT NULL CHECK (measure IN ('budget', 'outcome',
	                  'forecast')),
	amount_kr     bigint NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	version       bigint NOT NULL DEFAULT 1,
	created_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	ledger        text COLLATE "C" NOT NULL DEFAULT 'drift'
	                  CHECK (ledger IN ('drift', 'investering')),
	project       text COLLATE "C",
	budget_kind   text COLLATE "C" NOT NULL DEFAULT 'original'
	                  CHECK (budget_kind IN ('original', 'change')),
	decided_on    date,
	decision_ref  text COLLATE "C",
	-- VIRTUAL in SQLite.  A copy names every column but this one, which may not be written.
	agg_measure   text COLLATE "C" GENERATED ALWAYS AS
	                  (CASE WHEN measure = 'budget' AND budget_kind = 'change'
	                   THEN 'budget_change' ELSE measure END) STORED,
	-- only a budget may be annual; outcome and forecasts are made in a month
	CHECK (month IS NOT NULL OR measure = 'budget')
);
CREATE INDEX budget_lines_unit ON budget_lines(unit_id, year);

-- unit_id is a rowid alias in SQLite but always given: a foreign key, not an identity.
CREATE TABLE unit_budget_settings (
	unit_id     bigint PRIMARY KEY REFERENCES units(id) ON DELETE RESTRICT,
	profile     text COLLATE "C" CHECK (profile IS NULL OR
	                CASE WHEN json_kind(profile) = 'array'
	                THEN json_array_length(profile::json) = 12 ELSE false END),
	yellow_bp   bigint NOT NULL DEFAULT 200 CHECK (yellow_bp BETWEEN 0 AND 10000),
	version     bigint NOT NULL DEFAULT 1,
	basis       text COLLATE "C" CHECK (basis IS NULL OR basis IN ('outcome', 'forecast'))
);

-- The aggregates were WITHOUT ROWID tables.
CREATE TABLE budget_agg_unit (
	unit_id     bigint NOT NULL,
	year        bigint NOT NULL,
	measure     text COLLATE "C" NOT NULL,
	month       bigint NOT NULL,
	amount_kr   bigint NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       bigint NOT NULL,
	PRIMARY KEY (unit_id, year, measure, month)
);

CREATE TABLE budget_agg_activity (
	unit_id     bigint NOT NULL,
	year        bigint NOT NULL,
	activity    text COLLATE "C" NOT NULL,
	measure     text COLLATE "C" NOT NULL,
	month       bigint NOT NULL,
	amount_kr   bigint NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       bigint NOT NULL,
	PRIMARY KEY (unit_id, year, activity, measure, month)
);

CREATE TABLE budget_agg_account (
	unit_id     bigint NOT NULL,
	year        bigint NOT NULL,
	account     text COLLATE "C" NOT NULL,
	measure     text COLLATE "C" NOT NULL,
	month       bigint NOT NULL,
	amount_kr   bigint NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       bigint NOT NULL,
	PRIMARY KEY (unit_id, year, account, measure, month)
);

-- The import's marker row is always 1: a plain key, not an identity.
CREATE TABLE budget_import_running (one bigint PRIMARY KEY CHECK (one = 1));

CREATE TABLE budget_agg_forecast (
	unit_id     bigint NOT NULL,
	year        bigint NOT NULL,
	activity    text COLLATE "C" NOT NULL,
	account     text COLLATE "C" NOT NULL,
	month       bigint NOT NULL,
	amount_kr   bigint NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       bigint NOT NULL,
	PRIMARY KEY (unit_id, year, activity, account, month)
);

CREATE TABLE budget_agg_project (
	unit_id     bigint NOT NULL,
	year        bigint NOT NULL,
	project     text COLLATE "C" NOT NULL,
	measure     text COLLATE "C" NOT NULL,
	month       bigint NOT NULL,
	amount_kr   bigint NOT NULL CHECK (abs(amount_kr) <= 9000000000000000),
	lines       bigint NOT NULL,
	PRIMARY KEY (unit_id, year, project, measure, month)
);

-- The triggers' statements, written once for the three triggers: a line leaves its
-- aggregate rows (a row whose last line goes is deleted) and joins them.  PostgreSQL's ON
-- CONFLICT DO UPDATE names its key, which SQLite's may leave out.
CREATE FUNCTION budget_lines_agg_sub(o budget_lines) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	UPDATE budget_agg_unit SET amount_kr = amount_kr - o.amount_kr, lines = lines - 1
		WHERE o.ledger = 'drift' AND unit_id = o.unit_id AND year = o.year
		AND measure = o.agg_measure AND month = coalesce(o.month, 0);
	DELETE FROM budget_agg_unit WHERE unit_id = o.unit_id AND year = o.year
		AND measure = o.agg_measure AND month = coalesce(o.month, 0) AND lines = 0;
	UPDATE budget_agg_activity SET amount_kr = amount_kr - o.amount_kr, lines = lines - 1
		WHERE o.ledger = 'drift' AND unit_id = o.unit_id AND year = o.year
		AND measure = o.agg_measure AND month = coalesce(o.month, 0)
		AND activity = coalesce(o.activity, '');
	DELETE FROM budget_agg_activity WHERE unit_id = o.unit_id AND year = o.year
		AND measure = o.agg_measure AND month = coalesce(o.month, 0)
		AND activity = coalesce(o.activity, '') AND lines = 0;
	UPDATE budget_agg_account SET amount_kr = amount_kr - o.amount_kr, lines = lines - 1
		WHERE o.ledger = 'drift' AND unit_id = o.unit_id AND year = o.year
		AND measure = o.agg_measure AND month = coalesce(o.month, 0)
		AND account = coalesce(o.account, '');
	DELETE FROM budget_agg_account WHERE unit_id = o.unit_id AND year = o.year
		AND measure = o.agg_measure AND month = coalesce(o.month, 0)
		AND account = coalesce(o.account, '') AND lines = 0;
	UPDATE budget_agg_forecast SET amount_kr = amount_kr - o.amount_kr, lines = lines - 1
		WHERE o.ledger = 'drift' AND o.measure = 'forecast' AND unit_id = o.unit_id
		AND year = o.year AND activity = coalesce(o.activity, '')
		AND account = coalesce(o.account, '') AND month = o.month;
	DELETE FROM budget_agg_forecast WHERE unit_id = o.unit_id AND year = o.year
		AND activity = coalesce(o.activity, '') AND account = coalesce(o.account, '')
		AND month = o.month AND lines = 0;
	UPDATE budget_agg_project SET amount_kr = amount_kr - o.amount_kr, lines = lines - 1
		WHERE o.ledger = 'investering' AND unit_id = o.unit_id AND year = o.year
		AND project = coalesce(o.project, '') AND measure = o.agg_measure
		AND month = coalesce(o.month, 0);
	DELETE FROM budget_agg_project WHERE unit_id = o.unit_id AND year = o.year
		AND project = coalesce(o.project, '') AND measure = o.agg_measure
		AND month = coalesce(o.month, 0) AND lines = 0;
END
$$;

CREATE FUNCTION budget_lines_agg_add(n budget_lines) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF n.ledger = 'drift' THEN
		INSERT INTO budget_agg_unit AS a VALUES (n.unit_id, n.year, n.agg_measure,
			coalesce(n.month, 0), n.amount_kr, 1)
			ON CONFLICT (unit_id, year, measure, month) DO UPDATE
			SET amount_kr = a.amount_kr + excluded.amount_kr, lines = a.lines + 1;
		INSERT INTO budget_agg_activity AS a VALUES (n.unit_id, n.year,
			coalesce(n.activity, ''), n.agg_measure, coalesce(n.month, 0),
			n.amount_kr, 1)
			ON CONFLICT (unit_id, year, activity, measure, month) DO UPDATE
			SET amount_kr = a.amount_kr + excluded.amount_kr, lines = a.lines + 1;
		INSERT INTO budget_agg_account AS a VALUES (n.unit_id, n.year,
			coalesce(n.account, ''), n.agg_measure, coalesce(n.month, 0),
			n.amount_kr, 1)
			ON CONFLICT (unit_id, year, account, measure, month) DO UPDATE
			SET amount_kr = a.amount_kr + excluded.amount_kr, lines = a.lines + 1;
		IF n.measure = 'forecast' THEN
			INSERT INTO budget_agg_forecast AS a VALUES (n.unit_id, n.year,
				coalesce(n.activity, ''), coalesce(n.account, ''), n.month,
				n.amount_kr, 1)
				ON CONFLICT (unit_id, year, activity, account, month) DO UPDATE
				SET amount_kr = a.amount_kr + excluded.amount_kr,
				lines = a.lines + 1;
		END IF;
	END IF;
	IF n.ledger = 'investering' THEN
		INSERT INTO budget_agg_project AS a VALUES (n.unit_id, n.year,
			coalesce(n.project, ''), n.agg_measure, coalesce(n.month, 0),
			n.amount_kr, 1)
			ON CONFLICT (unit_id, year, project, measure, month) DO UPDATE
			SET amount_kr = a.amount_kr + excluded.amount_kr, lines = a.lines + 1;
	END IF;
END
$$;

-- SQLite's WHEN NOT EXISTS (SELECT 1 FROM budget_import_running), as a function: a trigger's
-- WHEN may hold no subquery.  In the WHEN, an import's rows queue no trigger event at all.
CREATE FUNCTION budget_import_is_running() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN EXISTS (SELECT 1 FROM budget_import_running);
END
$$;

CREATE FUNCTION budget_lines_agg_insert_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM budget_lines_agg_add(NEW);
	RETURN NULL;
END
$$;
CREATE TRIGGER budget_lines_agg_insert AFTER INSERT ON budget_lines
	FOR EACH ROW WHEN (NOT budget_import_is_running())
	EXECUTE FUNCTION budget_lines_agg_insert_fn();

CREATE FUNCTION budget_lines_agg_delete_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM budget_lines_agg_sub(OLD);
	RETURN NULL;
END
$$;
CREATE TRIGGER budget_lines_agg_delete AFTER DELETE ON budget_lines
	FOR EACH ROW EXECUTE FUNCTION budget_lines_agg_delete_fn();

-- An update is a delete of the old fact and an insert of the new one.
CREATE FUNCTION budget_lines_agg_update_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM budget_lines_agg_sub(OLD);
	PERFORM budget_lines_agg_add(NEW);
	RETURN NULL;
END
$$;
CREATE TRIGGER budget_lines_agg_update AFTER UPDATE OF unit_id, activity, account, year, month,
	measure, amount_kr, ledger, project, budget_kind ON budget_lines
	FOR EACH ROW EXECUTE FUNCTION budget_lines_agg_update_fn();

-- ==== goals and indicators (0003, 0008) =====================================================

CREATE TABLE goals (
	id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	parent_id     bigint REFERENCES goals(id) ON DELETE RESTRICT,
	level         text COLLATE "C" NOT NULL CHECK (level IN ('malomrade', 'strategiskt_mal',
	                  'namndmal', 'enhetsmal', 'kvalitetsmal', 'uppdrag', 'kvalitetsgaranti',
	                  'prioritering')),
	title         text COLLATE "C" NOT NULL,
	description   text COLLATE "C",
	unit_id       bigint REFERENCES units(id) ON DELETE RESTRICT,
	year_from     bigint,
	year_to       bigint,
	target_share  bigint NOT NULL DEFAULT 100 CHECK (target_share BETWEEN 0 AND 100),
	yellow_share  bigint NOT NULL DEFAULT 50 CHECK (yellow_share BETWEEN 0 AND 100),
	agenda2030    text COLLATE "C" NOT NULL DEFAULT '[]',   -- JSON array of SDG numbers 1..17
	sort          bigint NOT NULL DEFAULT 0,
	version       bigint NOT NULL DEFAULT 1,
	created_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	CHECK (year_to IS NULL OR year_from IS NULL OR year_to >= year_from)
);
CREATE INDEX goals_parent ON goals(parent_id);
CREATE INDEX goals_unit ON goals(unit_id);

-- created_at to the millisecond, as SQLite's %f.
CREATE TABLE goal_assessments (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	goal_id     bigint NOT NULL REFERENCES goals(id) ON DELETE RESTRICT,
	period      text COLLATE "C" NOT NULL,
	status      text COLLATE "C" NOT NULL CHECK (status IN ('helt', 'i_hog_grad', 'delvis',
	                'ej', 'ej_bedomd', 'ej_paborjad', 'paborjad', 'fardig', 'uppfylld',
	                'ej_uppfylld')),
	color       text COLLATE "C" CHECK (color IN ('gron', 'gul', 'rod')),
	comment     text COLLATE "C",
	created_by  text COLLATE "C" NOT NULL DEFAULT '',
	created_at  timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX goal_assessments_goal ON goal_assessments(goal_id, period);

-- Made before indicators, which refer to it (SQLite added that column in 0008).
CREATE TABLE statistics (
	id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	code            text COLLATE "C" NOT NULL UNIQUE,
	name            text COLLATE "C" NOT NULL,
	description     text COLLATE "C",
	measure_unit    text COLLATE "C" NOT NULL CHECK (measure_unit IN ('count', 'percent',
	                    'days', 'hours', 'kr')),
	aggregate       text COLLATE "C" NOT NULL CHECK (aggregate IN ('sum', 'ratio', 'distinct')),
	dimensions      text COLLATE "C" NOT NULL DEFAULT '[]' CHECK (
	                    CASE WHEN json_kind(dimensions) = 'array'
	                    THEN json_array_length(dimensions::json) <= 4 ELSE false END),
	decimals        bigint NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 6),
	min_population  bigint CHECK (min_population >= 0),
	kolada_kpi      text COLLATE "C",
	source          text COLLATE "C",
	version         bigint NOT NULL DEFAULT 1,
	created_at      timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at      timestamptz NOT NULL DEFAULT date_trunc('second', now())
);

CREATE TABLE indicators (
	id                bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	goal_id           bigint REFERENCES goals(id) ON DELETE RESTRICT,
	unit_id           bigint REFERENCES units(id) ON DELETE RESTRICT,
	name              text COLLATE "C" NOT NULL,
	measure_unit      text COLLATE "C" NOT NULL CHECK (measure_unit IN ('percent', 'count',
	                      'kr', 'tkr', 'days', 'ratio')),
	direction         text COLLATE "C" NOT NULL CHECK (direction IN ('higher_is_better',
	                      'lower_is_better')),
	target            double precision,
	yellow_tolerance  double precision NOT NULL DEFAULT 0 CHECK (yellow_tolerance >= 0),
	decimals          bigint NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 6),
	kolada_kpi        text COLLATE "C",
	source            text COLLATE "C",
	sort              bigint NOT NULL DEFAULT 0,
	version           bigint NOT NULL DEFAULT 1,
	created_at        timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at        timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	statistic_id      bigint REFERENCES statistics(id) ON DELETE RESTRICT,
	dims              text COLLATE "C"
);
CREATE INDEX indicators_goal ON indicators(goal_id);

CREATE TABLE indicator_values (
	indicator_id  bigint NOT NULL REFERENCES indicators(id) ON DELETE RESTRICT,
	period        text COLLATE "C" NOT NULL,
	kind          bigint NOT NULL,
	sort_key      bigint NOT NULL,
	value         double precision,
	null_reason   text COLLATE "C",
	target        double precision,
	comment       text COLLATE "C",
	updated_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	PRIMARY KEY (indicator_id, period),
	CHECK (value IS NOT NULL OR null_reason IS NOT NULL)
);

CREATE TABLE peer_values (
	kpi           text COLLATE "C" NOT NULL,
	year          bigint NOT NULL,
	municipality  text COLLATE "C" NOT NULL,
	value         double precision,
	PRIMARY KEY (kpi, year, municipality)
);

-- ==== lex Sarah and decisions (0004, 0007) ==================================================

-- GLOB '[a-z]*' AND NOT GLOB '*[^a-z0-9_]*': a lower-case letter, then letters, digits and
-- underscores.  SQLite lets a TEXT PRIMARY KEY be NULL; PostgreSQL does not.
CREATE TABLE lex_sarah_categories (
	code        text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
	name        text COLLATE "C" NOT NULL
);

CREATE TABLE lex_sarah_reports (
	id                    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	reference             text COLLATE "C",
	unit_id               bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	law                   text COLLATE "C" NOT NULL CHECK (law IN ('SoL', 'LSS')),
	reported_on           date NOT NULL,
	occurred_on           date,
	category              text COLLATE "C" NOT NULL REFERENCES lex_sarah_categories(code)
	                          ON DELETE RESTRICT,
	summary               text COLLATE "C",
	status                text COLLATE "C" NOT NULL CHECK (status IN ('rapporterad',
	                          'under_utredning', 'avslutad')),
	investigation_done_on date,
	outcome               text COLLATE "C" CHECK (outcome IN ('inget_missforhallande',
	                          'risk_for_missforhallande', 'missforhallande',
	                          'allvarligt_missforhallande', 'allvarlig_risk')),
	ivo_notified_on       date,
	measures              text COLLATE "C",
	version               bigint NOT NULL DEFAULT 1,
	created_at            timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at            timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX lex_sarah_reported ON lex_sarah_reports(reported_on);
CREATE INDEX lex_sarah_unit ON lex_sarah_reports(unit_id);

CREATE TABLE decision_insatser (
	code        text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
	name        text COLLATE "C" NOT NULL,
	law         text COLLATE "C" NOT NULL CHECK (law IN ('SoL', 'LSS'))
);

CREATE TABLE decisions (
	id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	reference       text COLLATE "C",
	unit_id         bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	law             text COLLATE "C" NOT NULL CHECK (law IN ('SoL', 'LSS')),
	inriktning      text COLLATE "C" NOT NULL CHECK (inriktning IN ('barn_och_familj',
	                    'ekonomiskt_bistand', 'missbruk', 'socialpsykiatri',
	                    'vald_i_nara_relation', 'ovrigt')),
	insats          text COLLATE "C" NOT NULL REFERENCES decision_insatser(code)
	                    ON DELETE RESTRICT,
	decided_on      date NOT NULL,
	gender          text COLLATE "C" NOT NULL CHECK (gender IN ('K', 'M', 'annat')),
	executed_on     date,
	closed_on       date,
	close_reason    text COLLATE "C" CHECK (close_reason IN ('verkstallt', 'aterkallad',
	                    'behov_upphort', 'avliden', 'ovrigt')),
	delay_reason    text COLLATE "C",
	measures        text COLLATE "C",
	version         bigint NOT NULL DEFAULT 1,
	created_at      timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at      timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX decisions_decided ON decisions(decided_on);
CREATE INDEX decisions_unit ON decisions(unit_id);

CREATE TABLE decision_interruptions (
	id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	decision_id     bigint NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
	interrupted_on  date NOT NULL,
	resumed_on      date,
	CHECK (resumed_on IS NULL OR resumed_on >= interrupted_on)
);
CREATE INDEX decision_interruptions_decision
	ON decision_interruptions(decision_id, interrupted_on);

-- ==== versions (0006) =======================================================================

-- The one row is always id 1: a plain key, not an identity.
CREATE TABLE versions (
	id      bigint PRIMARY KEY CHECK (id = 1),
	data    bigint NOT NULL,
	tokens  bigint NOT NULL
);

-- ==== registers (0007) ======================================================================

CREATE TABLE risks (
	id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id      bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	year         bigint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
	type         text COLLATE "C" CHECK (type IN ('omvarld', 'medarbetare', 'verksamhet',
	                 'finansiell', 'ovrigt')),
	description  text COLLATE "C" NOT NULL,
	probability  bigint CHECK (probability BETWEEN 1 AND 5),
	consequence  bigint CHECK (consequence BETWEEN 1 AND 5),
	value        bigint CHECK (value BETWEEN 1 AND 25),
	measures     text COLLATE "C",
	owner        text COLLATE "C",
	synthetic    bigint NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version      bigint NOT NULL DEFAULT 1,
	created_at   timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at   timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	CHECK ((probability IS NULL) = (consequence IS NULL)),
	CHECK (probability IS NULL OR value = probability * consequence)
);
CREATE INDEX risks_unit_year ON risks(unit_id, year);

CREATE TABLE risk_reviews (
	id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	risk_id      bigint NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
	reviewed_on  date NOT NULL,
	probability  bigint CHECK (probability BETWEEN 1 AND 5),
	consequence  bigint CHECK (consequence BETWEEN 1 AND 5),
	value        bigint CHECK (value BETWEEN 1 AND 25),
	color        text COLLATE "C" CHECK (color IN ('gron', 'gul', 'rod')),
	comment      text COLLATE "C",
	CHECK ((probability IS NULL) = (consequence IS NULL)),
	CHECK (probability IS NULL OR value = probability * consequence)
);
CREATE INDEX risk_reviews_risk ON risk_reviews(risk_id, reviewed_on);

-- period is the period's text; period_first and period_last are its first and last days.
CREATE TABLE risk_sensitivities (
	id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id       bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	period        text COLLATE "C" NOT NULL,
	period_first  date NOT NULL,
	period_last   date NOT NULL,
	description   text COLLATE "C" NOT NULL,
	amount_kr     bigint NOT NULL CHECK (amount_kr BETWEEN -9000000000000000
	                  AND 9000000000000000),
	synthetic     bigint NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version       bigint NOT NULL DEFAULT 1,
	created_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at    timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX risk_sensitivities_period ON risk_sensitivities(period_last);

CREATE TABLE internal_controls (
	id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id      bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	year         bigint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
	process      text COLLATE "C" NOT NULL,
	risk_id      bigint REFERENCES risks(id) ON DELETE RESTRICT,
	control      text COLLATE "C" NOT NULL,
	method       text COLLATE "C",
	frequency    text COLLATE "C",
	responsible  text COLLATE "C",
	synthetic    bigint NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version      bigint NOT NULL DEFAULT 1,
	created_at   timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at   timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX internal_controls_unit_year ON internal_controls(unit_id, year);

-- period_last is the last day of the period.
CREATE TABLE internal_control_results (
	id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	control_id   bigint NOT NULL REFERENCES internal_controls(id) ON DELETE CASCADE,
	period       text COLLATE "C" NOT NULL,
	period_last  date NOT NULL,
	result       text COLLATE "C" NOT NULL CHECK (result IN ('ej_genomford', 'utan_avvikelse',
	                 'med_avvikelse')),
	findings     text COLLATE "C"
);
CREATE INDEX internal_control_results_control ON internal_control_results(control_id);

CREATE TABLE audits (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id     bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	kind        text COLLATE "C" NOT NULL CHECK (kind IN ('intern', 'revision', 'ivo', 'avtal',
	                'ovrigt')),
	subject     text COLLATE "C" NOT NULL,
	done_on     date NOT NULL,
	findings    text COLLATE "C",
	synthetic   bigint NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version     bigint NOT NULL DEFAULT 1,
	created_at  timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at  timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX audits_done ON audits(done_on);

CREATE TABLE actions (
	id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id             bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	title               text COLLATE "C" NOT NULL,
	description         text COLLATE "C",
	origin_kind         text COLLATE "C" NOT NULL CHECK (origin_kind IN ('budget', 'goal',
	                        'risk', 'internal_control', 'lex_sarah', 'audit', 'committee')),
	origin_id           bigint,
	decided_on          date,
	decision_ref        text COLLATE "C",
	owner               text COLLATE "C",
	due_on              date,
	status              text COLLATE "C" NOT NULL CHECK (status IN ('planerad', 'pagaende',
	                        'genomford', 'avbruten')),
	effect_planned_kr   bigint,
	effect_realised_kr  bigint,
	synthetic           bigint NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version             bigint NOT NULL DEFAULT 1,
	created_at          timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at          timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	CHECK (origin_kind <> 'committee' OR origin_id IS NULL)
);
CREATE INDEX actions_origin ON actions(origin_kind, origin_id);
CREATE INDEX actions_decided ON actions(decided_on);

CREATE TABLE action_follow_ups (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	action_id   bigint NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	followed_on date NOT NULL,
	text        text COLLATE "C" NOT NULL,
	status      text COLLATE "C" NOT NULL CHECK (status IN ('planerad', 'pagaende', 'genomford',
	                'avbruten')),
	created_at  timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX action_follow_ups_action ON action_follow_ups(action_id, followed_on);

CREATE TABLE complaints (
	id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id      bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	received_on  date NOT NULL,
	channel      text COLLATE "C",
	kind         text COLLATE "C" NOT NULL CHECK (kind IN ('klagomal', 'synpunkt', 'berom',
	                 'forslag')),
	category     text COLLATE "C",
	summary      text COLLATE "C",
	handled_on   date,
	outcome      text COLLATE "C" CHECK (outcome IN ('atgardat', 'ej_atgardat', 'hanvisat',
	                 'ovrigt')),
	synthetic    bigint NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version      bigint NOT NULL DEFAULT 1,
	created_at   timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at   timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	CHECK (handled_on IS NULL OR handled_on >= received_on)
);
CREATE INDEX complaints_received ON complaints(received_on);

CREATE TABLE incidents (
	id                        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id                   bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	occurred_on               date NOT NULL,
	kind                      text COLLATE "C" NOT NULL CHECK (kind IN ('tillbud', 'olycksfall',
	                              'arbetssjukdom', 'fardolycksfall', 'egendom_sakerhet')),
	category                  text COLLATE "C",
	summary                   text COLLATE "C",
	status                    text COLLATE "C" NOT NULL CHECK (status IN ('anmald', 'utredd')),
	reported_to_authority_on  date,
	synthetic                 bigint NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version                   bigint NOT NULL DEFAULT 1,
	created_at                timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at                timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX incidents_occurred ON incidents(occurred_on);

CREATE TABLE lex_maria_reports (
	id                     bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id                bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	occurred_on            date,
	notified_on            date NOT NULL,
	category               text COLLATE "C" NOT NULL,
	harm                   text COLLATE "C" NOT NULL CHECK (harm IN ('vardskada',
	                           'allvarlig_vardskada', 'risk_allvarlig_vardskada')),
	summary                text COLLATE "C",
	investigation_done_on  date,
	measures               text COLLATE "C",
	synthetic              bigint NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version                bigint NOT NULL DEFAULT 1,
	created_at             timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at             timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX lex_maria_notified ON lex_maria_reports(notified_on);

-- An action's origin may not be deleted while the action points at it.  SQLite's WHEN EXISTS
-- (...) is the function's test: a trigger's WHEN may hold no subquery.  23001
-- restrict_violation: what a foreign key's ON DELETE RESTRICT raises.
CREATE FUNCTION actions_origin_risk_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'risk' AND origin_id = OLD.id) THEN
		RAISE EXCEPTION 'an action has this risk as its origin' USING ERRCODE = '23001';
	END IF;
	RETURN OLD;
END
$$;
CREATE TRIGGER actions_origin_risk BEFORE DELETE ON risks
	FOR EACH ROW EXECUTE FUNCTION actions_origin_risk_fn();

CREATE FUNCTION actions_origin_control_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'internal_control'
	           AND origin_id = OLD.id) THEN
		RAISE EXCEPTION 'an action has this internal control as its origin'
			USING ERRCODE = '23001';
	END IF;
	RETURN OLD;
END
$$;
CREATE TRIGGER actions_origin_control BEFORE DELETE ON internal_controls
	FOR EACH ROW EXECUTE FUNCTION actions_origin_control_fn();

CREATE FUNCTION actions_origin_audit_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'audit' AND origin_id = OLD.id) THEN
		RAISE EXCEPTION 'an action has this audit as its origin' USING ERRCODE = '23001';
	END IF;
	RETURN OLD;
END
$$;
CREATE TRIGGER actions_origin_audit BEFORE DELETE ON audits
	FOR EACH ROW EXECUTE FUNCTION actions_origin_audit_fn();

CREATE FUNCTION actions_origin_lex_sarah_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'lex_sarah' AND origin_id = OLD.id)
	THEN
		RAISE EXCEPTION 'an action has this lex Sarah report as its origin'
			USING ERRCODE = '23001';
	END IF;
	RETURN OLD;
END
$$;
CREATE TRIGGER actions_origin_lex_sarah BEFORE DELETE ON lex_sarah_reports
	FOR EACH ROW EXECUTE FUNCTION actions_origin_lex_sarah_fn();

CREATE FUNCTION actions_origin_goal_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'goal' AND origin_id = OLD.id) THEN
		RAISE EXCEPTION 'an action has this goal as its origin' USING ERRCODE = '23001';
	END IF;
	RETURN OLD;
END
$$;
CREATE TRIGGER actions_origin_goal BEFORE DELETE ON goals
	FOR EACH ROW EXECUTE FUNCTION actions_origin_goal_fn();

CREATE FUNCTION actions_origin_unit_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'budget' AND origin_id = OLD.id) THEN
		RAISE EXCEPTION 'an action has this unit''s budget as its origin'
			USING ERRCODE = '23001';
	END IF;
	RETURN OLD;
END
$$;
CREATE TRIGGER actions_origin_unit BEFORE DELETE ON units
	FOR EACH ROW EXECUTE FUNCTION actions_origin_unit_fn();

-- ==== statistics (0008, 0012) ===============================================================

-- WITHOUT ROWID in SQLite.  updated_at is NULL until the fact is changed (0012).
CREATE TABLE statistic_facts (
	statistic_id  bigint NOT NULL REFERENCES statistics(id) ON DELETE RESTRICT,
	mask          bigint NOT NULL CHECK (mask BETWEEN 0 AND 15),
	year          bigint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
	unit_id       bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	d1            bigint NOT NULL DEFAULT 0 CHECK (d1 BETWEEN 0 AND 255),
	d2            bigint NOT NULL DEFAULT 0 CHECK (d2 BETWEEN 0 AND 255),
	d3            bigint NOT NULL DEFAULT 0 CHECK (d3 BETWEEN 0 AND 255),
	d4            bigint NOT NULL DEFAULT 0 CHECK (d4 BETWEEN 0 AND 255),
	month_to      bigint NOT NULL CHECK (month_to BETWEEN 1 AND 12),
	kind          bigint NOT NULL CHECK (kind BETWEEN 0 AND 4),  -- enum period_kind
	month_from    bigint NOT NULL,
	id            bigint NOT NULL UNIQUE,
	form          text COLLATE "C" NOT NULL CHECK (form IN ('value', 'ratio', 'given', 'share',
	                  'null')),
	value         double precision,
	numerator     double precision,
	denominator   double precision CHECK (denominator >= 0),
	population    bigint CHECK (population >= 0),
	null_reason   text COLLATE "C",
	note          text COLLATE "C",
	synthetic     bigint NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	version       bigint NOT NULL DEFAULT 1,
	created_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at    timestamptz,
	CHECK (month_from BETWEEN 1 AND month_to),
	CHECK ((form = 'null') = (null_reason IS NOT NULL)),
	PRIMARY KEY (statistic_id, mask, year, unit_id, d1, d2, d3, d4, month_to, kind)
);
-- The key holds null_reason as SQLite's does; a btree entry is limited to about 2.7 kB.
CREATE INDEX statistic_facts_periods ON statistic_facts (statistic_id, mask, year, unit_id,
	month_to, month_from, kind, form, value, numerator, denominator, population, null_reason,
	id) WHERE kind <> 1;

-- WITHOUT ROWID in SQLite.
CREATE TABLE statistic_years (
	statistic_id  bigint NOT NULL,
	mask          bigint NOT NULL,
	year          bigint NOT NULL,
	unit_id       bigint NOT NULL,
	d1            bigint NOT NULL,
	d2            bigint NOT NULL,
	d3            bigint NOT NULL,
	d4            bigint NOT NULL,
	months        bigint NOT NULL,  -- bit m: month m has a fact
	given         bigint NOT NULL,  -- bit m: ... a given value
	share         bigint NOT NULL,  -- bit m: ... a share
	nulls         bigint NOT NULL,  -- bit m: ... a null fact
	pops          bigint NOT NULL,  -- bit m: ... a population
	-- January through month m: the sums of values, numerators and denominators
	v1 double precision, v2 double precision, v3 double precision, v4 double precision,
	v5 double precision, v6 double precision, v7 double precision, v8 double precision,
	v9 double precision, v10 double precision, v11 double precision, v12 double precision,
	n1 double precision, n2 double precision, n3 double precision, n4 double precision,
	n5 double precision, n6 double precision, n7 double precision, n8 double precision,
	n9 double precision, n10 double precision, n11 double precision, n12 double precision,
	e1 double precision, e2 double precision, e3 double precision, e4 double precision,
	e5 double precision, e6 double precision, e7 double precision, e8 double precision,
	e9 double precision, e10 double precision, e11 double precision, e12 double precision,
	-- month m's population
	p1 bigint, p2 bigint, p3 bigint, p4 bigint, p5 bigint, p6 bigint,
	p7 bigint, p8 bigint, p9 bigint, p10 bigint, p11 bigint, p12 bigint,
	PRIMARY KEY (statistic_id, mask, year, unit_id, d1, d2, d3, d4)
);

-- The bit sets: a boolean is no integer here, and sum() over integer is bigint, as SQLite's
-- integer sum (month_to <= 12, so integer holds every bit).  The sums: total() above, fed in
-- month order, the order SQLite reads a row's facts in (its primary key); floating-point
-- addition depends on the order.
CREATE VIEW statistic_years_view AS SELECT
	f.statistic_id, f.mask, f.year, f.unit_id, f.d1, f.d2, f.d3, f.d4,
	sum(1 << f.month_to::integer) AS months,
	sum((f.form = 'given')::integer << f.month_to::integer) AS given,
	sum((f.form = 'share')::integer << f.month_to::integer) AS share,
	sum((f.form = 'null')::integer << f.month_to::integer) AS nulls,
	sum((f.population IS NOT NULL)::integer << f.month_to::integer) AS pops,
	total(CASE WHEN f.month_to <= 1 THEN f.value END ORDER BY f.month_to) AS v1,
	total(CASE WHEN f.month_to <= 2 THEN f.value END ORDER BY f.month_to) AS v2,
	total(CASE WHEN f.month_to <= 3 THEN f.value END ORDER BY f.month_to) AS v3,
	total(CASE WHEN f.month_to <= 4 THEN f.value END ORDER BY f.month_to) AS v4,
	total(CASE WHEN f.month_to <= 5 THEN f.value END ORDER BY f.month_to) AS v5,
	total(CASE WHEN f.month_to <= 6 THEN f.value END ORDER BY f.month_to) AS v6,
	total(CASE WHEN f.month_to <= 7 THEN f.value END ORDER BY f.month_to) AS v7,
	total(CASE WHEN f.month_to <= 8 THEN f.value END ORDER BY f.month_to) AS v8,
	total(CASE WHEN f.month_to <= 9 THEN f.value END ORDER BY f.month_to) AS v9,
	total(CASE WHEN f.month_to <= 10 THEN f.value END ORDER BY f.month_to) AS v10,
	total(CASE WHEN f.month_to <= 11 THEN f.value END ORDER BY f.month_to) AS v11,
	total(CASE WHEN f.month_to <= 12 THEN f.value END ORDER BY f.month_to) AS v12,
	total(CASE WHEN f.month_to <= 1 THEN f.numerator END ORDER BY f.month_to) AS n1,
	total(CASE WHEN f.month_to <= 2 THEN f.numerator END ORDER BY f.month_to) AS n2,
	total(CASE WHEN f.month_to <= 3 THEN f.numerator END ORDER BY f.month_to) AS n3,
	total(CASE WHEN f.month_to <= 4 THEN f.numerator END ORDER BY f.month_to) AS n4,
	total(CASE WHEN f.month_to <= 5 THEN f.numerator END ORDER BY f.month_to) AS n5,
	total(CASE WHEN f.month_to <= 6 THEN f.numerator END ORDER BY f.month_to) AS n6,
	total(CASE WHEN f.month_to <= 7 THEN f.numerator END ORDER BY f.month_to) AS n7,
	total(CASE WHEN f.month_to <= 8 THEN f.numerator END ORDER BY f.month_to) AS n8,
	total(CASE WHEN f.month_to <= 9 THEN f.numerator END ORDER BY f.month_to) AS n9,
	total(CASE WHEN f.month_to <= 10 THEN f.numerator END ORDER BY f.month_to) AS n10,
	total(CASE WHEN f.month_to <= 11 THEN f.numerator END ORDER BY f.month_to) AS n11,
	total(CASE WHEN f.month_to <= 12 THEN f.numerator END ORDER BY f.month_to) AS n12,
	total(CASE WHEN f.month_to <= 1 THEN f.denominator END ORDER BY f.month_to) AS e1,
	total(CASE WHEN f.month_to <= 2 THEN f.denominator END ORDER BY f.month_to) AS e2,
	total(CASE WHEN f.month_to <= 3 THEN f.denominator END ORDER BY f.month_to) AS e3,
	total(CASE WHEN f.month_to <= 4 THEN f.denominator END ORDER BY f.month_to) AS e4,
	total(CASE WHEN f.month_to <= 5 THEN f.denominator END ORDER BY f.month_to) AS e5,
	total(CASE WHEN f.month_to <= 6 THEN f.denominator END ORDER BY f.month_to) AS e6,
	total(CASE WHEN f.month_to <= 7 THEN f.denominator END ORDER BY f.month_to) AS e7,
	total(CASE WHEN f.month_to <= 8 THEN f.denominator END ORDER BY f.month_to) AS e8,
	total(CASE WHEN f.month_to <= 9 THEN f.denominator END ORDER BY f.month_to) AS e9,
	total(CASE WHEN f.month_to <= 10 THEN f.denominator END ORDER BY f.month_to) AS e10,
	total(CASE WHEN f.month_to <= 11 THEN f.denominator END ORDER BY f.month_to) AS e11,
	total(CASE WHEN f.month_to <= 12 THEN f.denominator END ORDER BY f.month_to) AS e12,
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

-- The import's marker row is always 1: a plain key, not an identity.
CREATE TABLE statistic_import_running (one bigint PRIMARY KEY CHECK (one = 1));

-- SQLite's NOT EXISTS (SELECT 1 FROM statistic_import_running), as a function for the WHEN.
CREATE FUNCTION statistic_import_is_running() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN EXISTS (SELECT 1 FROM statistic_import_running);
END
$$;

-- The triggers' statements: rebuild the statistic_years row of fact f's statistic,
-- breakdown, year, unit and dimension values from its facts.
CREATE FUNCTION statistic_years_rebuild(f statistic_facts) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM statistic_years
		WHERE statistic_id = f.statistic_id AND mask = f.mask AND year = f.year
		AND unit_id = f.unit_id AND d1 = f.d1 AND d2 = f.d2 AND d3 = f.d3 AND d4 = f.d4;
	INSERT INTO statistic_years SELECT * FROM statistic_years_view
		WHERE statistic_id = f.statistic_id AND mask = f.mask AND year = f.year
		AND unit_id = f.unit_id AND d1 = f.d1 AND d2 = f.d2 AND d3 = f.d3 AND d4 = f.d4;
END
$$;

CREATE FUNCTION statistic_facts_years_insert_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM statistic_years_rebuild(NEW);
	RETURN NULL;
END
$$;
CREATE TRIGGER statistic_facts_years_insert AFTER INSERT ON statistic_facts
	FOR EACH ROW WHEN (NEW.kind = 1 AND NOT statistic_import_is_running())
	EXECUTE FUNCTION statistic_facts_years_insert_fn();

CREATE FUNCTION statistic_facts_years_delete_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM statistic_years_rebuild(OLD);
	RETURN NULL;
END
$$;
CREATE TRIGGER statistic_facts_years_delete AFTER DELETE ON statistic_facts
	FOR EACH ROW WHEN (OLD.kind = 1)
	EXECUTE FUNCTION statistic_facts_years_delete_fn();

-- An update may move a fact to another row (another unit, period or value) or change it.
CREATE FUNCTION statistic_facts_years_update_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM statistic_years_rebuild(OLD);
	PERFORM statistic_years_rebuild(NEW);
	RETURN NULL;
END
$$;
CREATE TRIGGER statistic_facts_years_update AFTER UPDATE ON statistic_facts
	FOR EACH ROW EXECUTE FUNCTION statistic_facts_years_update_fn();

-- ==== activity and account codes (0009) =====================================================

CREATE TABLE activities (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	code        text COLLATE "C" NOT NULL UNIQUE CHECK (length(code) >= 1),
	name        text COLLATE "C" NOT NULL,
	sort        bigint NOT NULL DEFAULT 0,
	version     bigint NOT NULL DEFAULT 1,
	created_at  timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at  timestamptz NOT NULL DEFAULT date_trunc('second', now())
);

CREATE TABLE accounts (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	code        text COLLATE "C" NOT NULL UNIQUE CHECK (length(code) >= 1),
	name        text COLLATE "C" NOT NULL,
	kind        text COLLATE "C" NOT NULL DEFAULT 'account' CHECK (kind IN ('account', 'group',
	                'varav')),
	parent      text COLLATE "C" REFERENCES accounts(code) ON UPDATE CASCADE
	                ON DELETE RESTRICT,
	sort        bigint NOT NULL DEFAULT 0,
	version     bigint NOT NULL DEFAULT 1,
	created_at  timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at  timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	CHECK (parent IS NULL OR parent <> code)
);
CREATE INDEX accounts_parent ON accounts(parent);

-- ==== reports and period locks (0010) =======================================================

CREATE TABLE report_templates (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	kind        text COLLATE "C" NOT NULL CHECK (kind IN ('manadsrapport', 'tertialrapport',
	                'delarsrapport', 'verksamhetsberattelse')),
	name        text COLLATE "C" NOT NULL,
	is_default  bigint NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
	builtin     bigint NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
	sections    text COLLATE "C" NOT NULL CHECK (json_kind(sections) = 'array'),
	version     bigint NOT NULL DEFAULT 1,
	created_at  timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at  timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE UNIQUE INDEX report_templates_default ON report_templates(kind) WHERE is_default = 1;

CREATE TABLE reports (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id     bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	kind        text COLLATE "C" NOT NULL CHECK (kind IN ('manadsrapport', 'tertialrapport',
	                'delarsrapport', 'verksamhetsberattelse')),
	period      text COLLATE "C" NOT NULL,
	title       text COLLATE "C" NOT NULL,
	template_id bigint REFERENCES report_templates(id) ON DELETE RESTRICT,
	created_at  timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX reports_unit ON reports(unit_id, period);

-- WITHOUT ROWID in SQLite.
CREATE TABLE report_revisions (
	report_id     bigint NOT NULL REFERENCES reports(id) ON DELETE RESTRICT,
	revision      bigint NOT NULL CHECK (revision >= 1),
	status        text COLLATE "C" NOT NULL CHECK (status IN ('draft', 'locked')),
	version       bigint NOT NULL DEFAULT 1,
	sections      text COLLATE "C" NOT NULL CHECK (json_kind(sections) = 'array'),
	reason        text COLLATE "C",
	decided_on    date,
	decision_ref  text COLLATE "C",
	locked_at     timestamptz,
	sha256        text COLLATE "C" CHECK (sha256 IS NULL OR length(sha256) = 64),
	data_version  bigint,
	snapshot_json bytea,
	snapshot_md   bytea,
	snapshot_html bytea,
	created_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	updated_at    timestamptz NOT NULL DEFAULT date_trunc('second', now()),
	PRIMARY KEY (report_id, revision),
	-- a locked revision holds all three renderings and the digest; a draft holds none
	CHECK ((status = 'locked') = (snapshot_json IS NOT NULL AND snapshot_md IS NOT NULL
	       AND snapshot_html IS NOT NULL AND sha256 IS NOT NULL AND locked_at IS NOT NULL))
);

-- A locked revision never changes again, whatever writes to the database.  23000
-- integrity_constraint_violation: a conflict, as SQLite's RAISE(ABORT) is a constraint error.
CREATE FUNCTION report_revisions_locked_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'a locked report revision cannot be changed' USING ERRCODE = '23000';
END
$$;
CREATE TRIGGER report_revisions_locked BEFORE UPDATE ON report_revisions
	FOR EACH ROW WHEN (OLD.status = 'locked')
	EXECUTE FUNCTION report_revisions_locked_fn();

CREATE FUNCTION report_revisions_locked_delete_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'a locked report revision cannot be deleted' USING ERRCODE = '23000';
END
$$;
CREATE TRIGGER report_revisions_locked_delete BEFORE DELETE ON report_revisions
	FOR EACH ROW WHEN (OLD.status = 'locked')
	EXECUTE FUNCTION report_revisions_locked_delete_fn();

-- through is a year-month 'YYYY-MM' (GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'), not a date.
CREATE TABLE period_locks (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id     bigint NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	through     text COLLATE "C" NOT NULL CHECK (through ~ '^[0-9]{4}-[01][0-9]$'),
	kinds       text COLLATE "C" NOT NULL CHECK (json_kind(kinds) = 'array'),
	reason      text COLLATE "C" NOT NULL,
	created_by  text COLLATE "C",
	created_at  timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX period_locks_unit ON period_locks(unit_id);

-- ==== the rows the SQLite migrations insert =================================================

INSERT INTO lex_sarah_categories (code, name) VALUES
	('fysiska_overgrepp', 'Fysiska övergrepp'),
	('sexuella_overgrepp', 'Sexuella övergrepp'),
	('psykiska_overgrepp', 'Psykiska övergrepp (inkl. kränkande bemötande)'),
	('bemotande', 'Bemötande'),
	('rattssakerhet_handlaggning', 'Övrig rättssäkerhet/handläggningsförfarande'),
	('sekretess_informationssakerhet', 'Sekretess/informationssäkerhet'),
	('utforande_insats', 'Utförande insats'),
	('fysisk_miljo_teknik', 'Fysisk miljö och teknik'),
	('system', 'System'),
	('ekonomiska_overgrepp', 'Ekonomiska övergrepp'),
	('ovrigt', 'Övrigt');

INSERT INTO decision_insatser (code, name, law) VALUES
	('behandlingshem_hvb', 'Behandlingshem/HVB', 'SoL'),
	('boendestod', 'Boendestöd', 'SoL'),
	('bostad', 'Bostad (stödboende, träningsboende)', 'SoL'),
	('familjehem', 'Familjehem', 'SoL'),
	('kontaktfamilj', 'Kontaktfamilj', 'SoL'),
	('kontaktperson', 'Kontaktperson', 'SoL'),
	('korttidsboende', 'Korttidsboende', 'SoL'),
	('sysselsattning', 'Sysselsättning', 'SoL'),
	('oppenvard_familjebehandling', 'Öppenvård (familjebehandling)', 'SoL'),
	('sarskilt_boende', 'Särskilt boende', 'SoL'),
	('hemtjanst', 'Hemtjänst', 'SoL'),
	('dagverksamhet', 'Dagverksamhet', 'SoL'),
	('ledsagning_sol', 'Ledsagning', 'SoL'),
	('avlosning_sol', 'Avlösning', 'SoL'),
	('ovrigt_sol', 'Övrigt bistånd', 'SoL'),
	('lss_1_radgivning', 'LSS 9 § 1 Rådgivning och annat personligt stöd', 'LSS'),
	('lss_2_personlig_assistans', 'LSS 9 § 2 Personlig assistans', 'LSS'),
	('lss_3_ledsagarservice', 'LSS 9 § 3 Ledsagarservice', 'LSS'),
	('lss_4_kontaktperson', 'LSS 9 § 4 Kontaktperson', 'LSS'),
	('lss_5_avlosarservice', 'LSS 9 § 5 Avlösarservice i hemmet', 'LSS'),
	('lss_6_korttidsvistelse', 'LSS 9 § 6 Korttidsvistelse utanför det egna hemmet', 'LSS'),
	('lss_7_korttidstillsyn', 'LSS 9 § 7 Korttidstillsyn för skolungdom över 12 år', 'LSS'),
	('lss_8_boende_barn', 'LSS 9 § 8 Boende i familjehem eller bostad med särskild service för barn', 'LSS'),
	('lss_9_bostad_vuxna', 'LSS 9 § 9 Bostad med särskild service för vuxna', 'LSS'),
	('lss_10_daglig_verksamhet', 'LSS 9 § 10 Daglig verksamhet', 'LSS');

INSERT INTO versions (id, data, tokens) VALUES (1, 1, 1);

-- The built-in templates (sql/0010-reports.sql says what they hold), ids 1 to 4 from the
-- identity as in SQLite.  The sections are the bytes SQLite's json() made of them: the same
-- JSON without spaces, here in adjacent literals, which SQL joins into one.
INSERT INTO report_templates (kind, name, is_default, builtin, sections) VALUES
('verksamhetsberattelse', 'Verksamhetsberättelse', 1, 1,
	'[{"key":"viktiga_handelser","title":"Viktiga händelser under året","type":"text",'
	'"params":{}},'
	'{"key":"maldelning","title":"Måldelning och uppföljning","type":"text","params":{}},'
	'{"key":"sammanfattande_bedomning","title":"Sammanfattande bedömning","type":"text",'
	'"params":{}},'
	'{"key":"malomraden","title":"Målområdenas bedömning under året","type":"goal_summary",'
	'"params":{"earlier":[{"period":"T2","label":"Delår 2"},'
	'{"period":"T1","label":"Delår 1"}]}},'
	'{"key":"mal","title":"Uppföljning och analys av mål och resultat","type":"goals",'
	'"params":{}},'
	'{"key":"kkik","title":"Nyckeltal och jämförelser med andra kommuner","type":"indicators",'
	'"params":{}},'
	'{"key":"lex_sarah","title":"Lex Sarah","type":"lex_sarah",'
	'"params":{"group_by":"category"}},'
	'{"key":"ej_verkstallda_beslut","title":"Ej verkställda beslut","type":"decisions_summary",'
	'"params":{}},'
	'{"key":"resultatrakning","title":"Ekonomisk rapport: resultat per verksamhetsområde",'
	'"type":"budget",'
	'"params":{"depth":2,"scale":"tkr","rounding":"consistent"}},'
	'{"key":"verksamheter","title":"Detaljer underliggande verksamheter","type":"budget",'
	'"params":{"group_by":"activity","scale":"tkr","rounding":"consistent"}},'
	'{"key":"ekonomisk_analys","title":"Utfall jämfört med budget","type":"text",'
	'"params":{}},'
	'{"key":"risker","title":"Riskhantering","type":"risks","params":{}},'
	'{"key":"prioriteringar","title":"Uppdrag och nämndens prioriteringar","type":"text",'
	'"params":{}},'
	'{"key":"barnbokslut","title":"Barnbokslut","type":"text","params":{}}]'),
('delarsrapport', 'Delårsrapport', 1, 1,
	'[{"key":"viktiga_handelser","title":"Viktiga händelser","type":"text","params":{}},'
	'{"key":"mal","title":"Mål, uppdrag och kvalitetsgarantier","type":"goals","params":{}},'
	'{"key":"lex_sarah","title":"Lex Sarah","type":"lex_sarah",'
	'"params":{"group_by":"category"}},'
	'{"key":"lex_maria","title":"Lex Maria","type":"lex_maria","params":{}},'
	'{"key":"ej_verkstallda_beslut","title":"Ej verkställda beslut","type":"decisions",'
	'"params":{}},'
	'{"key":"uppfoljningar","title":"Uppföljningar och granskningar","type":"audits",'
	'"params":{}},'
	'{"key":"volymer","title":"Volymer","type":"statistics","params":{}},'
	'{"key":"ekonomi","title":"Ekonomi: utfall till och med perioden","type":"budget",'
	'"params":{"scale":"tkr","rounding":"consistent"}},'
	'{"key":"verksamheter","title":"Utfall per verksamhet","type":"budget",'
	'"params":{"group_by":"activity","scale":"tkr","rounding":"consistent"}},'
	'{"key":"prognos","title":"Helårsprognos","type":"forecast",'
	'"params":{"scale":"tkr","rounding":"consistent"}},'
	'{"key":"slutsatser","title":"Slutsatser","type":"text","params":{}},'
	'{"key":"atgarder","title":"Åtgärder som nämnden vidtagit","type":"actions","params":{}}]'),
('tertialrapport', 'Tertialrapport', 1, 1,
	'[{"key":"sammanfattning","title":"Sammanfattning","type":"text","params":{}},'
	'{"key":"viktiga_handelser","title":"Viktiga händelser och områden","type":"text",'
	'"params":{}},'
	'{"key":"mal","title":"Mål och resultat","type":"goals","params":{}},'
	'{"key":"intern_kontroll","title":"Intern kontroll","type":"internal_control",'
	'"params":{}},'
	'{"key":"sjukfranvaro","title":"Sjukfrånvaro","type":"statistics","params":{}},'
	'{"key":"driftredovisning","title":"Driftredovisning per avdelning","type":"budget",'
	'"params":{"depth":3,"scale":"tkr","rounding":"consistent"}},'
	'{"key":"verksamheter","title":"Resultat per verksamhet","type":"budget",'
	'"params":{"group_by":"activity","scale":"tkr","rounding":"consistent"}},'
	'{"key":"arsprognos","title":"Årsprognos","type":"forecast",'
	'"params":{"depth":3,"scale":"tkr","rounding":"consistent"}},'
	'{"key":"risker","title":"Risk- och känslighetsanalys","type":"risks","params":{}},'
	'{"key":"investeringar","title":"Investeringsredovisning","type":"investments",'
	'"params":{}},'
	'{"key":"verksamhetsstatistik","title":"Verksamhetsstatistik","type":"statistics",'
	'"params":{}},'
	'{"key":"lex_sarah","title":"Uppföljning av lex Sarah","type":"lex_sarah",'
	'"params":{"group_by":"unit"}},'
	'{"key":"tillbud",'
	'"title":"Tillbud, olycksfall och ärenden gällande egendom och säkerhet",'
	'"type":"incidents",'
	'"params":{}},'
	'{"key":"synpunkter","title":"Rapporterade synpunkter","type":"complaints","params":{}},'
	'{"key":"upphandling","title":"Upphandling","type":"text","params":{}}]'),
('manadsrapport', 'Månadsrapport', 1, 1,
	'[{"key":"kommentar","title":"Kommentar","type":"text","params":{}},'
	'{"key":"ekonomi","title":"Ekonomi till och med månaden","type":"budget",'
	'"params":{"depth":2,"scale":"tkr","rounding":"consistent"}},'
	'{"key":"prognos","title":"Helårsprognos","type":"forecast",'
	'"params":{"depth":2,"scale":"tkr","rounding":"consistent"}},'
	'{"key":"mal","title":"Måluppfyllelse","type":"goals","params":{}}]');
