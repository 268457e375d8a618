-- History imported from the old CI (sglang-ci import seed-logs / seed-db), kept beside our own results.
-- Imported online invocations are rows of `runs` (source 'seed-logs'), their client-log points rows of
-- `benchmark_points`, their GSM8K gates rows of `gsm8k_gates`/`gsm8k_trials`, so the dashboard shows them like its
-- own. What has no place there gets a table here. Every imported row names its source file (and line), relative to
-- the imported tree's root. No foreign keys, like the other results tables.

ALTER TABLE runs ADD COLUMN source TEXT NOT NULL DEFAULT 'sglang-ci';
ALTER TABLE runs ADD COLUMN source_path TEXT NULL;
CREATE INDEX ix_runs_series ON runs (hardware, host, model, mode, image_date);

ALTER TABLE benchmark_points ADD COLUMN source_path TEXT NULL;
ALTER TABLE benchmark_points ADD COLUMN source_line INTEGER NULL;
-- 0 when the client log lacks "Run completed at:" (the run was cut short); NULL for our own runs.
ALTER TABLE benchmark_points ADD COLUMN run_completed INTEGER NULL CHECK (run_completed IS NULL OR run_completed IN (0, 1));
-- Every "label: value" line of an imported result block as a JSON object, so nothing the old block printed is lost
-- (peak concurrency, token totals, accept length … beyond the columns above).
ALTER TABLE benchmark_points ADD COLUMN block_values TEXT NULL;

ALTER TABLE gsm8k_gates ADD COLUMN source_path TEXT NULL;
ALTER TABLE gsm8k_gates ADD COLUMN source_line INTEGER NULL;
ALTER TABLE gsm8k_trials ADD COLUMN included INTEGER NULL CHECK (included IS NULL OR included IN (0, 1));
ALTER TABLE gsm8k_trials ADD COLUMN source_line INTEGER NULL;

-- Load points known only by their medians: the old serving CSV, a timing summary's Performance Summary, a cron
-- log's "Updating CSV" line. Kept per origin; night_points picks one.
CREATE TABLE summary_points
(
    run_id         TEXT    NOT NULL,
    origin         TEXT    NOT NULL CHECK (origin IN ('csv', 'timing-summary', 'cron-log')),
    load_kind      TEXT    NOT NULL,
    load           REAL    NOT NULL,
    e2e_median_ms  REAL    NULL,
    ttft_median_ms REAL    NULL,
    itl_median_ms  REAL    NULL,
    source_path    TEXT    NOT NULL,
    source_line    INTEGER NOT NULL,
    PRIMARY KEY (run_id, origin, load_kind, load)
) STRICT;

-- Every run's median metrics per load point, one row per origin: from client logs (ours or imported) the best
-- repetition, i.e. the lowest median E2E, which is what the old CSV meant by its cell; then the summaries.
-- rank orders the origins from most to least trusted.
CREATE VIEW point_medians AS
SELECT run_id, load_kind, load, 'client-log' AS origin, 0 AS rank,
       e2e_median_ms, ttft_median_ms, itl_median_ms, tpot_median_ms, output_token_throughput,
       e2e_p99_ms, ttft_p99_ms, itl_p99_ms, source_path, source_line
FROM (SELECT bp.*,
             ROW_NUMBER() OVER (PARTITION BY run_id, load_kind, load
                                ORDER BY e2e_median_ms IS NULL, e2e_median_ms, repetition) AS pick
      FROM benchmark_points bp)
WHERE pick = 1
UNION ALL
SELECT run_id, load_kind, load, origin,
       CASE origin WHEN 'csv' THEN 1 WHEN 'timing-summary' THEN 2 ELSE 3 END,
       e2e_median_ms, ttft_median_ms, itl_median_ms, NULL, NULL, NULL, NULL, NULL, source_path, source_line
FROM summary_points;

-- One number per night, series and load point: the series is (hardware, host, model, mode), the night its image
-- date. The most trusted origin wins; among equals, the latest invocation (a rerun replaces the night's result).
-- Only points with all three medians count.
CREATE VIEW night_points AS
SELECT hardware, host, model, mode, image_date, image, run_id, started_at, load_kind, load, origin,
       e2e_median_ms, ttft_median_ms, itl_median_ms, tpot_median_ms, output_token_throughput,
       e2e_p99_ms, ttft_p99_ms, itl_p99_ms, source_path, source_line
FROM (SELECT r.hardware, r.host, r.model, r.mode, r.image_date, r.image, r.started_at, p.*,
             ROW_NUMBER() OVER (PARTITION BY r.hardware, r.host, r.model, r.mode, r.image_date, p.load_kind, p.load
                                ORDER BY p.rank, r.started_at DESC) AS pick
      FROM point_medians p
      JOIN runs r ON r.id = p.run_id
      WHERE r.image_date IS NOT NULL
        AND p.e2e_median_ms IS NOT NULL AND p.ttft_median_ms IS NOT NULL AND p.itl_median_ms IS NOT NULL)
WHERE pick = 1;

-- The nightly image-availability check, one row per hardware kind checked.
CREATE TABLE image_checks
(
    checked_at  TEXT    NOT NULL,
    host        TEXT    NOT NULL,
    hardware    TEXT    NOT NULL,
    image_date  TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('available', 'missing', 'not-pullable')),
    image       TEXT    NULL,
    source_path TEXT    NOT NULL,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (checked_at, host, hardware)
) STRICT;

-- What was imported from where: one row per unit of the imported tree (a result folder, a log, a report), with a
-- fingerprint of its files' names, sizes and times, so a re-import skips what it already has.
CREATE TABLE import_units
(
    source      TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    imported_at TEXT    NOT NULL,
    rows        INTEGER NOT NULL,
    PRIMARY KEY (source, path)
) STRICT;
