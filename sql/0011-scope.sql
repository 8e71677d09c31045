-- folja: foreign keys off
-- Scoped tokens, and unit codes unique per municipality rather than in the whole database.
-- (The first line tells the migrator to run this file with foreign keys off and to check
-- them all before it commits: the units table is rebuilt, as SQLite drops a constraint.)
--
-- A token may be scoped to a unit's subtree (a municipality's kommun unit, or any unit below
-- it): it then sees and writes that subtree only.  NULL: the whole database.
ALTER TABLE tokens ADD COLUMN scope_unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT;

-- One database may hold several municipalities, each numbering its own units, so the UNIQUE
-- on units.code goes: a code is unique among the units of one municipality (a unit's
-- municipality is the municipality_code of the unit itself or of its nearest ancestor that
-- has one), which every write of a unit checks in its transaction.
CREATE TABLE units_new (
	id                INTEGER PRIMARY KEY,
	code              TEXT NOT NULL,
	name              TEXT NOT NULL,
	parent_id         INTEGER REFERENCES units(id) ON DELETE RESTRICT,
	kind              TEXT NOT NULL CHECK (kind IN ('kommun', 'namnd', 'forvaltning',
	                      'verksamhetsomrade', 'avdelning', 'enhet')),
	regi              TEXT CHECK (regi IN ('myndighet', 'kommunal_regi', 'extern')),
	active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	municipality_code TEXT CHECK (municipality_code GLOB '[0-9][0-9][0-9][0-9]'),
	version           INTEGER NOT NULL DEFAULT 1,
	created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO units_new (id, code, name, parent_id, kind, regi, active, municipality_code,
                       version, created_at, updated_at)
SELECT id, code, name, parent_id, kind, regi, active, municipality_code, version, created_at,
       updated_at FROM units;
DROP TABLE units;
ALTER TABLE units_new RENAME TO units;
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_code ON units(code);
CREATE TRIGGER actions_origin_unit BEFORE DELETE ON units
WHEN EXISTS (SELECT 1 FROM actions WHERE origin_kind = 'budget' AND origin_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an action has this unit''s budget as its origin'); END;
