-- Goodput (good requests per second under the plan's latency SLOs; NULL when the plan has none) and the reasons
-- requests failed, as a JSON array of {"reason","count"} (the most frequent ten; NULL when none failed).

ALTER TABLE benchmark_points ADD COLUMN goodput REAL NULL;
ALTER TABLE benchmark_points ADD COLUMN failure_reasons TEXT NULL;
