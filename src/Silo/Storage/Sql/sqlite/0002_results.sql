-- The results tables: what history views, trends and the SQL explorer read (never grain state).
-- STRICT tables so a value of the wrong type is an error instead of being coerced, and every optional
-- measurement is a nullable column: a missing statistic stays NULL, never 0.
-- Timestamps are ISO-8601 UTC text (yyyy-MM-ddTHH:mm:ss.fffffffZ, which sorts in time order);
-- image dates are yyyy-MM-dd text. Enum-like columns hold lower-case wire names.
-- No foreign keys: a resumed run may write its points before its run row is saved again, and a result
-- must never be refused for arriving out of order.

CREATE TABLE runs
(
    id             TEXT    NOT NULL PRIMARY KEY,
    preset         TEXT    NOT NULL,
    preset_version INTEGER NOT NULL,
    model          TEXT    NOT NULL,
    node           TEXT    NOT NULL,
    host           TEXT    NOT NULL,
    hardware       TEXT    NOT NULL,
    mode           TEXT    NOT NULL,
    image          TEXT    NULL,
    image_date     TEXT    NULL CHECK (image_date IS NULL OR image_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status         TEXT    NOT NULL,
    reason         TEXT    NULL,
    phase          TEXT    NOT NULL,
    "trigger"      TEXT    NOT NULL,
    started_at     TEXT    NULL,
    finished_at    TEXT    NULL,
    created_at     TEXT    NOT NULL
) STRICT;

CREATE INDEX ix_runs_image_date_hardware ON runs (image_date, hardware);
CREATE INDEX ix_runs_node ON runs (node);
CREATE INDEX ix_runs_preset ON runs (preset);

CREATE TABLE run_phases
(
    run_id      TEXT NOT NULL,
    phase       TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT NULL,
    status      TEXT NOT NULL,
    PRIMARY KEY (run_id, phase)
) STRICT;

CREATE TABLE gsm8k_gates
(
    run_id    TEXT    NOT NULL PRIMARY KEY,
    threshold REAL    NOT NULL,
    accuracy  REAL    NULL,
    invalid   REAL    NULL,
    passed    INTEGER NOT NULL CHECK (passed IN (0, 1)),
    rule      TEXT    NOT NULL
) STRICT;

CREATE TABLE gsm8k_trials
(
    run_id            TEXT    NOT NULL,
    trial             INTEGER NOT NULL,
    accuracy          REAL    NOT NULL,
    invalid           REAL    NOT NULL,
    latency_s         REAL    NOT NULL,
    output_throughput REAL    NULL,
    questions         INTEGER NOT NULL,
    PRIMARY KEY (run_id, trial)
) STRICT;

CREATE TABLE benchmark_points
(
    run_id                  TEXT    NOT NULL,
    load_kind               TEXT    NOT NULL,
    load                    REAL    NOT NULL,
    repetition              INTEGER NOT NULL,
    completed               INTEGER NOT NULL,
    failed                  INTEGER NOT NULL,
    duration_s              REAL    NOT NULL,
    request_throughput      REAL    NOT NULL,
    input_token_throughput  REAL    NOT NULL,
    output_token_throughput REAL    NOT NULL,
    total_token_throughput  REAL    NOT NULL,
    concurrency             REAL    NULL,
    ttft_mean_ms            REAL    NULL,
    ttft_median_ms          REAL    NULL,
    ttft_p90_ms             REAL    NULL,
    ttft_p95_ms             REAL    NULL,
    ttft_p99_ms             REAL    NULL,
    ttft_std_ms             REAL    NULL,
    ttft_max_ms             REAL    NULL,
    itl_mean_ms             REAL    NULL,
    itl_median_ms           REAL    NULL,
    itl_p90_ms              REAL    NULL,
    itl_p95_ms              REAL    NULL,
    itl_p99_ms              REAL    NULL,
    itl_std_ms              REAL    NULL,
    itl_max_ms              REAL    NULL,
    tpot_mean_ms            REAL    NULL,
    tpot_median_ms          REAL    NULL,
    tpot_p90_ms             REAL    NULL,
    tpot_p95_ms             REAL    NULL,
    tpot_p99_ms             REAL    NULL,
    tpot_std_ms             REAL    NULL,
    tpot_max_ms             REAL    NULL,
    e2e_mean_ms             REAL    NULL,
    e2e_median_ms           REAL    NULL,
    e2e_p90_ms              REAL    NULL,
    e2e_p95_ms              REAL    NULL,
    e2e_p99_ms              REAL    NULL,
    e2e_std_ms              REAL    NULL,
    e2e_max_ms              REAL    NULL,
    PRIMARY KEY (run_id, load_kind, load, repetition)
) STRICT;
