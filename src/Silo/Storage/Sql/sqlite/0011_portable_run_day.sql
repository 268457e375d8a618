-- The day a run stands for is now spelled the same way everywhere and on both engines: its image date, else the first
-- ten characters of its ISO-8601 UTC start, COALESCE(image_date, substr(started_at, 1, 10)). PostgreSQL has no date()
-- over text, and the hardware queries already used substr. For our fixed-width UTC text both spellings give the same
-- day, but SQLite uses an expression index only for the expression a query spells, so the day index follows the new
-- spelling of the run list and day index queries.
DROP INDEX ix_runs_day_status;
CREATE INDEX ix_runs_day_status ON runs (COALESCE(image_date, substr(started_at, 1, 10)), status);
