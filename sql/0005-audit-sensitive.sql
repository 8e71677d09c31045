-- The audit log names the token that wrote, and keeps the sensitive registers to `sensitive`.
--
-- `token_id` is the id of the token the write was made with (the name alone defaults to the
-- role, so it could not tell two editors apart); NULL for writes made without a token.  No
-- foreign key: the log is history and must outlive whatever happens to the tokens table.
--
-- `sensitive` is 1 for an entry written through a route that needs `sensitive` (lex Sarah
-- reports and categories, decisions and their insatser): its before and after hold register
-- text, so the log shows it only to tokens with `sensitive`.  From now on the server decides
-- it from the route's access level; the rows written before this migration are marked by the
-- entities those routes write.
ALTER TABLE audit ADD COLUMN token_id INTEGER;
ALTER TABLE audit ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1));

UPDATE audit SET sensitive = 1
	WHERE entity IN ('lex_sarah_report', 'lex_sarah_category', 'decision', 'decision_insats');
