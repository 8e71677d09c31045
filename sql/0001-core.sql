-- Core schema: the unit tree, API tokens and the audit log.
--
-- Conventions for every table: INTEGER PRIMARY KEY ids; a `version` that each update bumps
-- (it is the ETag); money as INTEGER kronor; dates as TEXT 'YYYY-MM-DD'; enumerations checked
-- here as well as in the API so the file stays consistent whatever writes to it; foreign keys
-- RESTRICT, so deleting something still referenced is a conflict, never a cascade.

CREATE TABLE units (
	id                INTEGER PRIMARY KEY,
	code              TEXT NOT NULL UNIQUE,
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
CREATE INDEX units_parent ON units(parent_id);

-- A token is "folja_<id>_<secret>"; only a BLAKE2b hash of the secret is kept.
CREATE TABLE tokens (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	role        TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
	sensitive   INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
	hash        BLOB NOT NULL,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	revoked     INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);

-- Every write through the API, with the resource as it was before and after (JSON text).
CREATE TABLE audit (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	actor       TEXT NOT NULL,
	method      TEXT NOT NULL,
	path        TEXT NOT NULL,
	entity      TEXT NOT NULL,
	entity_id   INTEGER,
	before      TEXT,
	after       TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
