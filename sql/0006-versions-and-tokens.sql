-- Versions that caches check, and the life cycle of tokens.
--
-- `versions` is one row of counters kept in the database, so a change made by any process (a
-- CLI command, another server) is seen by every server on its next request: `data` is bumped
-- by every committed write of facts, `tokens` by every change to a token (create, revoke,
-- rotate).  A server notices another connection's commit cheaply through PRAGMA data_version
-- and only then reads this row; recording when a token was last used changes neither counter,
-- so it flushes no memoised figure.
CREATE TABLE versions (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	data    INTEGER NOT NULL,
	tokens  INTEGER NOT NULL
);
INSERT INTO versions (id, data, tokens) VALUES (1, 1, 1);

-- A token may expire; a revoked one keeps its row (the audit log names tokens by id) with the
-- time it was revoked; last_used_at is recorded at most once a minute per token.
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
ALTER TABLE tokens ADD COLUMN rotated_at TEXT;
