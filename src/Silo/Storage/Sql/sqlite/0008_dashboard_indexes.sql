-- Indexes for the dashboard's reads, so its pages and API stay fast with years of nights and many hardware kinds.
-- The day a run stands for is an expression (its image date, else its start date); SQLite indexes the expression
-- exactly as each query spells it: the run list and day index use date(started_at), the hardware queries
-- substr(started_at, 1, 10).

-- The day index (/api/days, the home page's day picker) and the run list of one day: a scan of this index alone.
CREATE INDEX ix_runs_day_status ON runs (COALESCE(image_date, date(started_at)), status);

-- One hardware kind's night, and the newest image of each (day, hardware) on the per-day cards.
CREATE INDEX ix_runs_hardware_day ON runs (hardware, COALESCE(image_date, substr(started_at, 1, 10)), started_at);

-- A trend: the runs of one (hardware, model, mode), by night.
CREATE INDEX ix_runs_trend ON runs (hardware, model, mode, image_date);

-- The image check of one (hardware, day).
CREATE INDEX ix_image_checks_hardware_day ON image_checks (hardware, image_date, checked_at);

-- point_medians again, with the same rows and columns, but its window reads only the columns it returns instead of
-- every column of benchmark_points (the imported block_values JSON included); night_points depends on it.
DROP VIEW night_points;
DROP VIEW point_medians;

CREATE VIEW point_medians AS
SELECT run_id, load_kind, load, 'client-log' AS origin, 0 AS rank,
       e2e_median_ms, ttft_median_ms, itl_median_ms, tpot_median_ms, output_token_throughput,
       e2e_p99_ms, ttft_p99_ms, itl_p99_ms, source_path, source_line
FROM (SELECT run_id, load_kind, load, e2e_median_ms, ttft_median_ms, itl_median_ms, tpot_median_ms, output_token_throughput,
             e2e_p99_ms, ttft_p99_ms, itl_p99_ms, source_path, source_line,
             ROW_NUMBER() OVER (PARTITION BY run_id, load_kind, load
                                ORDER BY e2e_median_ms IS NULL, e2e_median_ms, repetition) AS pick
      FROM benchmark_points)
WHERE pick = 1
UNION ALL
SELECT run_id, load_kind, load, origin,
       CASE origin WHEN 'csv' THEN 1 WHEN 'timing-summary' THEN 2 ELSE 3 END,
       e2e_median_ms, ttft_median_ms, itl_median_ms, NULL, NULL, NULL, NULL, NULL, source_path, source_line
FROM summary_points;

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
