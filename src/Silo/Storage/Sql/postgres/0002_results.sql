-- The results tables on PostgreSQL: the schema SQLite reaches through its migrations 0002-0011, in one step, with the
-- same table, column, view and index names, so the dashboard, the importer and the SQL explorer run the same SQL on
-- both. Design choices, and why:
--
-- * Times and dates stay TEXT in SQLite's formats (fixed-width ISO-8601 UTC 'yyyy-MM-ddTHH:mm:ss.fffffffZ', dates
--   'yyyy-MM-dd'), not timestamptz/date. The shared queries compare, group and sort them as text, take a run's day as
--   substr(started_at, 1, 10), bind them as strings and read them with the same parser; native types would make every
--   one of those behave differently here (or fail on text parameters). Fixed width keeps text order = time order.
-- * Every text column is COLLATE "C": SQLite compares text byte by byte, while PostgreSQL's default collation follows
--   the server's locale (case and punctuation folded, order varies by host). With "C", ORDER BY, MIN/MAX, GROUP BY
--   and the window picks give the same rows in the same order on both engines.
-- * REAL is double precision, INTEGER is integer (bigint where a count may pass 2^31); flags stay 0/1 integers with
--   CHECKs rather than boolean, because the shared SQL writes and compares them as numbers.
-- * SQLite's GLOB date checks are regular expressions here; STRICT has no counterpart because PostgreSQL columns are
--   always strictly typed.
-- * No foreign keys, as on SQLite: a resumed run may write its points before its run row is saved again.

-- Runs ---------------------------------------------------------------------------------------------------------------

CREATE TABLE runs
(
    id             text COLLATE "C" NOT NULL PRIMARY KEY,
    preset         text COLLATE "C" NOT NULL,
    preset_version integer          NOT NULL,
    model          text COLLATE "C" NOT NULL,
    node           text COLLATE "C" NOT NULL,
    host           text COLLATE "C" NOT NULL,
    hardware       text COLLATE "C" NOT NULL,
    mode           text COLLATE "C" NOT NULL,
    image          text COLLATE "C" NULL,
    image_date     text COLLATE "C" NULL CHECK (image_date IS NULL OR image_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    status         text COLLATE "C" NOT NULL,
    reason         text COLLATE "C" NULL,
    phase          text COLLATE "C" NOT NULL,
    "trigger"      text COLLATE "C" NOT NULL,
    started_at     text COLLATE "C" NULL,
    finished_at    text COLLATE "C" NULL,
    created_at     text COLLATE "C" NOT NULL,
    -- Where a run came from: our own runs ('sglang-ci') or the old CI's imported logs ('seed-logs', with the file).
    source         text COLLATE "C" NOT NULL DEFAULT 'sglang-ci',
    source_path    text COLLATE "C" NULL,
    -- The schedule's job a run was fired for (schedule/job); NULL for runs started by hand and for imported runs.
    job_key        text COLLATE "C" NULL
);

CREATE INDEX ix_runs_image_date_hardware ON runs (image_date, hardware);
CREATE INDEX ix_runs_node ON runs (node);
CREATE INDEX ix_runs_preset ON runs (preset);
CREATE INDEX ix_runs_series ON runs (hardware, host, model, mode, image_date);
CREATE INDEX ix_runs_job_key_image_date ON runs (job_key, image_date);
-- A trend: the runs of one (hardware, model, mode), by night.
CREATE INDEX ix_runs_trend ON runs (hardware, model, mode, image_date);
-- The dashboard files a run under its image date, else the UTC day it started. PostgreSQL uses an expression index
-- only for the identical expression, so these spell it exactly as the queries do.
-- The day index (/api/days, the home page's day picker) and the run list of one day.
CREATE INDEX ix_runs_day_status ON runs ((COALESCE(image_date, substr(started_at, 1, 10))), status);
-- One hardware kind's night, and the newest image of each (day, hardware) on the per-day cards.
CREATE INDEX ix_runs_hardware_day ON runs (hardware, (COALESCE(image_date, substr(started_at, 1, 10))), started_at);

CREATE TABLE run_phases
(
    run_id      text COLLATE "C" NOT NULL,
    phase       text COLLATE "C" NOT NULL,
    started_at  text COLLATE "C" NOT NULL,
    finished_at text COLLATE "C" NULL,
    status      text COLLATE "C" NOT NULL,
    PRIMARY KEY (run_id, phase)
);

-- The checks of a run that are not benchmark numbers (unit test command, PD steps, downloads, housekeeping); ordinal
-- keeps the order they ran in.
CREATE TABLE run_checks
(
    run_id     text COLLATE "C" NOT NULL,
    ordinal    integer          NOT NULL,
    name       text COLLATE "C" NOT NULL,
    status     text COLLATE "C" NOT NULL CHECK (status IN ('passed', 'failed', 'timedout', 'skipped', 'warning')),
    value      double precision NULL,
    duration_s double precision NULL,
    detail     text COLLATE "C" NULL,
    PRIMARY KEY (run_id, name)
);

-- GSM8K ---------------------------------------------------------------------------------------------------------------

CREATE TABLE gsm8k_gates
(
    run_id      text COLLATE "C" NOT NULL PRIMARY KEY,
    threshold   double precision NOT NULL,
    accuracy    double precision NULL,
    invalid     double precision NULL,
    passed      integer          NOT NULL CHECK (passed IN (0, 1)),
    rule        text COLLATE "C" NOT NULL,
    source_path text COLLATE "C" NULL,
    source_line integer          NULL
);

CREATE TABLE gsm8k_trials
(
    run_id            text COLLATE "C" NOT NULL,
    trial             integer          NOT NULL,
    accuracy          double precision NOT NULL,
    invalid           double precision NOT NULL,
    latency_s         double precision NOT NULL,
    output_throughput double precision NULL,
    questions         integer          NOT NULL,
    included          integer          NULL CHECK (included IS NULL OR included IN (0, 1)),
    source_line       integer          NULL,
    PRIMARY KEY (run_id, trial)
);

-- Benchmark points ----------------------------------------------------------------------------------------------------

-- One row per load point and repetition; every optional statistic is a nullable column, a missing one stays NULL.
CREATE TABLE benchmark_points
(
    run_id                  text COLLATE "C" NOT NULL,
    load_kind               text COLLATE "C" NOT NULL,
    load                    double precision NOT NULL,
    repetition              integer          NOT NULL,
    completed               integer          NOT NULL,
    failed                  integer          NOT NULL,
    duration_s              double precision NOT NULL,
    request_throughput      double precision NOT NULL,
    input_token_throughput  double precision NOT NULL,
    output_token_throughput double precision NOT NULL,
    total_token_throughput  double precision NOT NULL,
    concurrency             double precision NULL,
    ttft_mean_ms            double precision NULL,
    ttft_median_ms          double precision NULL,
    ttft_p90_ms             double precision NULL,
    ttft_p95_ms             double precision NULL,
    ttft_p99_ms             double precision NULL,
    ttft_std_ms             double precision NULL,
    ttft_max_ms             double precision NULL,
    itl_mean_ms             double precision NULL,
    itl_median_ms           double precision NULL,
    itl_p90_ms              double precision NULL,
    itl_p95_ms              double precision NULL,
    itl_p99_ms              double precision NULL,
    itl_std_ms              double precision NULL,
    itl_max_ms              double precision NULL,
    tpot_mean_ms            double precision NULL,
    tpot_median_ms          double precision NULL,
    tpot_p90_ms             double precision NULL,
    tpot_p95_ms             double precision NULL,
    tpot_p99_ms             double precision NULL,
    tpot_std_ms             double precision NULL,
    tpot_max_ms             double precision NULL,
    e2e_mean_ms             double precision NULL,
    e2e_median_ms           double precision NULL,
    e2e_p90_ms              double precision NULL,
    e2e_p95_ms              double precision NULL,
    e2e_p99_ms              double precision NULL,
    e2e_std_ms              double precision NULL,
    e2e_max_ms              double precision NULL,
    -- Good requests per second under the plan's SLOs (NULL without SLOs); the failure reasons as a JSON array.
    goodput                 double precision NULL,
    failure_reasons         text COLLATE "C" NULL,
    source_path             text COLLATE "C" NULL,
    source_line             integer          NULL,
    -- 0 when an imported client log lacks "Run completed at:"; NULL for our own runs.
    run_completed           integer          NULL CHECK (run_completed IS NULL OR run_completed IN (0, 1)),
    -- Every "label: value" line of an imported result block as a JSON object (text: it is only stored and shown).
    block_values            text COLLATE "C" NULL,
    PRIMARY KEY (run_id, load_kind, load, repetition)
);

-- Offline (bench_one_batch) cases; a case that printed no numbers keeps NULLs.
CREATE TABLE offline_results
(
    run_id                   text COLLATE "C" NOT NULL,
    batch_size               integer          NOT NULL CHECK (batch_size >= 1),
    input_len                integer          NOT NULL CHECK (input_len >= 1),
    output_len               integer          NOT NULL CHECK (output_len >= 1),
    prefill_latency_s        double precision NULL,
    prefill_throughput       double precision NULL,
    decode_median_latency_s  double precision NULL,
    decode_median_throughput double precision NULL,
    total_latency_s          double precision NULL,
    total_throughput         double precision NULL,
    PRIMARY KEY (run_id, batch_size, input_len, output_len)
);

-- Load points known only by their medians (old serving CSV, timing summary, cron log), kept per origin.
CREATE TABLE summary_points
(
    run_id         text COLLATE "C" NOT NULL,
    origin         text COLLATE "C" NOT NULL CHECK (origin IN ('csv', 'timing-summary', 'cron-log')),
    load_kind      text COLLATE "C" NOT NULL,
    load           double precision NOT NULL,
    e2e_median_ms  double precision NULL,
    ttft_median_ms double precision NULL,
    itl_median_ms  double precision NULL,
    source_path    text COLLATE "C" NOT NULL,
    source_line    integer          NOT NULL,
    PRIMARY KEY (run_id, origin, load_kind, load)
);

-- Every run's median metrics per load point, one row per origin: from client logs the best repetition (lowest median
-- E2E, what the old CSV meant by its cell), then the summaries; rank orders origins from most to least trusted. The
-- window reads only the columns it returns, not the imported block_values.
CREATE VIEW point_medians AS
SELECT run_id, load_kind, load, 'client-log'::text COLLATE "C" AS origin, 0 AS rank,
       e2e_median_ms, ttft_median_ms, itl_median_ms, tpot_median_ms, output_token_throughput,
       e2e_p99_ms, ttft_p99_ms, itl_p99_ms, source_path, source_line
FROM (SELECT run_id, load_kind, load, e2e_median_ms, ttft_median_ms, itl_median_ms, tpot_median_ms, output_token_throughput,
             e2e_p99_ms, ttft_p99_ms, itl_p99_ms, source_path, source_line,
             ROW_NUMBER() OVER (PARTITION BY run_id, load_kind, load
                                ORDER BY e2e_median_ms IS NULL, e2e_median_ms, repetition) AS pick
      FROM benchmark_points) best
WHERE pick = 1
UNION ALL
SELECT run_id, load_kind, load, origin,
       CASE origin WHEN 'csv' THEN 1 WHEN 'timing-summary' THEN 2 ELSE 3 END,
       e2e_median_ms, ttft_median_ms, itl_median_ms, NULL, NULL, NULL, NULL, NULL, source_path, source_line
FROM summary_points;

-- One number per night, series (hardware, host, model, mode) and load point: the most trusted origin wins; among
-- equals the latest invocation. NULLS LAST says what SQLite does by default (NULL sorts lowest there, highest here),
-- so a run that never recorded its start loses to one that did on both engines. Only points with all three medians.
CREATE VIEW night_points AS
SELECT hardware, host, model, mode, image_date, image, run_id, started_at, load_kind, load, origin,
       e2e_median_ms, ttft_median_ms, itl_median_ms, tpot_median_ms, output_token_throughput,
       e2e_p99_ms, ttft_p99_ms, itl_p99_ms, source_path, source_line
FROM (SELECT r.hardware, r.host, r.model, r.mode, r.image_date, r.image, r.started_at, p.*,
             ROW_NUMBER() OVER (PARTITION BY r.hardware, r.host, r.model, r.mode, r.image_date, p.load_kind, p.load
                                ORDER BY p.rank, r.started_at DESC NULLS LAST) AS pick
      FROM point_medians p
      JOIN runs r ON r.id = p.run_id
      WHERE r.image_date IS NOT NULL
        AND p.e2e_median_ms IS NOT NULL AND p.ttft_median_ms IS NOT NULL AND p.itl_median_ms IS NOT NULL) ranked
WHERE pick = 1;

-- Imported history -----------------------------------------------------------------------------------------------------

-- The nightly image-availability check, one row per hardware kind checked.
CREATE TABLE image_checks
(
    checked_at  text COLLATE "C" NOT NULL,
    host        text COLLATE "C" NOT NULL,
    hardware    text COLLATE "C" NOT NULL,
    image_date  text COLLATE "C" NOT NULL,
    status      text COLLATE "C" NOT NULL CHECK (status IN ('available', 'missing', 'not-pullable')),
    image       text COLLATE "C" NULL,
    source_path text COLLATE "C" NOT NULL,
    source_line integer          NOT NULL,
    PRIMARY KEY (checked_at, host, hardware)
);

-- The image check of one (hardware, day).
CREATE INDEX ix_image_checks_hardware_day ON image_checks (hardware, image_date, checked_at);

-- What was imported from where, with a fingerprint of the unit's files, so a re-import skips what it already has.
CREATE TABLE import_units
(
    source      text COLLATE "C" NOT NULL,
    path        text COLLATE "C" NOT NULL,
    kind        text COLLATE "C" NOT NULL,
    fingerprint text COLLATE "C" NOT NULL,
    imported_at text COLLATE "C" NOT NULL,
    rows        bigint           NOT NULL,
    PRIMARY KEY (source, path)
);

-- The old CI's own SQLite DB (ci_dashboard.db) as secondary status history, keyed by what its rows mean.
CREATE TABLE seed_status_days
(
    run_date       text COLLATE "C" NOT NULL CHECK (run_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    hardware       text COLLATE "C" NOT NULL,
    machine        text COLLATE "C" NOT NULL,
    image          text COLLATE "C" NULL,
    image_date     text COLLATE "C" NULL,
    overall_status text COLLATE "C" NULL,
    total_tasks    integer          NULL,
    passed_tasks   integer          NULL,
    failed_tasks   integer          NULL,
    unknown_tasks  integer          NULL,
    not_run_tasks  integer          NULL,
    run_time_label text COLLATE "C" NULL,
    source         text COLLATE "C" NOT NULL DEFAULT 'seed-db',
    PRIMARY KEY (run_date, hardware, machine)
);

CREATE TABLE seed_status_tasks
(
    run_date        text COLLATE "C" NOT NULL,
    hardware        text COLLATE "C" NOT NULL,
    machine         text COLLATE "C" NOT NULL,
    task            text COLLATE "C" NOT NULL,
    status          text COLLATE "C" NULL,
    gsm8k_accuracy  double precision NULL,
    runtime_minutes integer          NULL,
    error_message   text COLLATE "C" NULL,
    PRIMARY KEY (run_date, hardware, machine, task)
);

CREATE TABLE seed_status_sanity
(
    run_date text COLLATE "C" NOT NULL,
    hardware text COLLATE "C" NOT NULL,
    machine  text COLLATE "C" NOT NULL,
    model    text COLLATE "C" NOT NULL,
    status   text COLLATE "C" NULL,
    accuracy double precision NULL,
    PRIMARY KEY (run_date, hardware, machine, model)
);

-- The old CI's test jobs: sanity attempts and trials, decided sanity results, PD runs, unit tests, coverage reports.
CREATE TABLE sanity_attempts
(
    source_path         text COLLATE "C" NOT NULL,
    attempt             integer          NOT NULL,
    hardware            text COLLATE "C" NOT NULL,
    host                text COLLATE "C" NOT NULL,
    image               text COLLATE "C" NOT NULL,
    image_date          text COLLATE "C" NOT NULL,
    model               text COLLATE "C" NOT NULL,
    started_at          text COLLATE "C" NULL,
    cuda_graph_disabled integer          NOT NULL CHECK (cuda_graph_disabled IN (0, 1)),
    server_startup_s    double precision NULL,
    startup_failed      integer          NOT NULL CHECK (startup_failed IN (0, 1)),
    startup_error       text COLLATE "C" NULL,
    final_result        text COLLATE "C" NULL CHECK (final_result IS NULL OR final_result IN ('pass', 'fail')),
    reported_accuracy   double precision NULL,
    required_accuracy   double precision NULL,
    accuracy_rule       text COLLATE "C" NULL,
    total_time_s        double precision NULL,
    source_line         integer          NOT NULL,
    PRIMARY KEY (source_path, attempt)
);

CREATE TABLE sanity_trials
(
    source_path text COLLATE "C" NOT NULL,
    attempt     integer          NOT NULL,
    trial       integer          NOT NULL,
    outcome     text COLLATE "C" NOT NULL,
    accuracy    double precision NULL,
    time_s      double precision NULL,
    detail      text COLLATE "C" NULL,
    source_line integer          NOT NULL,
    PRIMARY KEY (source_path, attempt, trial)
);

CREATE TABLE sanity_results
(
    hardware          text COLLATE "C" NOT NULL,
    host              text COLLATE "C" NOT NULL,
    image             text COLLATE "C" NOT NULL,
    image_date        text COLLATE "C" NOT NULL,
    model             text COLLATE "C" NOT NULL,
    outcome           text COLLATE "C" NOT NULL CHECK (outcome IN ('pass', 'fail', 'skipped')),
    basis             text COLLATE "C" NOT NULL,
    accuracy          double precision NULL,
    required_accuracy double precision NULL,
    accuracy_rule     text COLLATE "C" NULL,
    decided_at        text COLLATE "C" NULL,
    source_path       text COLLATE "C" NOT NULL,
    source_line       integer          NOT NULL,
    PRIMARY KEY (hardware, host, image, model)
);

-- passed is recomputed from the numbers; steps and tests are JSON arrays of what the summary listed.
CREATE TABLE pd_tests
(
    hardware       text COLLATE "C" NOT NULL,
    label          text COLLATE "C" NOT NULL,
    image          text COLLATE "C" NULL,
    image_date     text COLLATE "C" NULL,
    host           text COLLATE "C" NULL,
    model          text COLLATE "C" NULL,
    setup_failed   integer          NOT NULL CHECK (setup_failed IN (0, 1)),
    tests_passed   integer          NOT NULL,
    gsm8k_accuracy double precision NULL,
    passed         integer          NOT NULL CHECK (passed IN (0, 1)),
    old_label      text COLLATE "C" NULL,
    total_s        integer          NULL,
    setup_s        integer          NULL,
    gsm8k_s        integer          NULL,
    steps          text COLLATE "C" NOT NULL,
    tests          text COLLATE "C" NOT NULL,
    source_path    text COLLATE "C" NOT NULL,
    PRIMARY KEY (hardware, label)
);

CREATE TABLE unit_tests
(
    hardware    text COLLATE "C" NOT NULL,
    image       text COLLATE "C" NOT NULL,
    image_date  text COLLATE "C" NOT NULL,
    host        text COLLATE "C" NULL,
    test        text COLLATE "C" NULL,
    started_at  text COLLATE "C" NULL,
    ended_at    text COLLATE "C" NULL,
    exit_code   integer          NOT NULL,
    result      text COLLATE "C" NOT NULL CHECK (result IN ('passed', 'failed', 'killed')),
    tests_ran   integer          NULL,
    duration_s  double precision NULL,
    verdict     text COLLATE "C" NULL,
    command     text COLLATE "C" NULL,
    source_path text COLLATE "C" NOT NULL,
    source_line integer          NOT NULL,
    PRIMARY KEY (hardware, image)
);

CREATE TABLE coverage_reports
(
    report_date      text COLLATE "C" NOT NULL PRIMARY KEY,
    amd_total        integer          NULL,
    nvidia_total     integer          NULL,
    coverage_percent double precision NULL,
    source_path      text COLLATE "C" NOT NULL
);

CREATE TABLE coverage_categories
(
    report_date      text COLLATE "C" NOT NULL,
    section          text COLLATE "C" NOT NULL,
    category         text COLLATE "C" NOT NULL,
    amd_tests        integer          NOT NULL,
    nvidia_tests     integer          NOT NULL,
    coverage_percent double precision NULL,
    source_line      integer          NOT NULL,
    PRIMARY KEY (report_date, section, category)
);

-- Analysis -------------------------------------------------------------------------------------------------------------

-- Alerts with their lifecycle (one row per alert, from the night it opened until resolved).
CREATE TABLE analysis_alerts
(
    id              text COLLATE "C" NOT NULL PRIMARY KEY,
    series_key      text COLLATE "C" NOT NULL,
    kind            text COLLATE "C" NOT NULL CHECK (kind IN ('regression', 'accuracy-regression', 'missing-data')),
    status          text COLLATE "C" NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    hardware        text COLLATE "C" NOT NULL,
    host            text COLLATE "C" NOT NULL,
    model           text COLLATE "C" NOT NULL,
    mode            text COLLATE "C" NOT NULL,
    load_kind       text COLLATE "C" NULL,
    load            double precision NULL,
    metric          text COLLATE "C" NOT NULL,
    opened_night    text COLLATE "C" NOT NULL,
    since_night     text COLLATE "C" NULL,
    last_night      text COLLATE "C" NOT NULL,
    baseline        double precision NULL,
    value           double precision NULL,
    change          double precision NULL,
    image           text COLLATE "C" NULL,
    baseline_image  text COLLATE "C" NULL,
    acknowledged_by text COLLATE "C" NULL,
    acknowledged_at text COLLATE "C" NULL,
    note            text COLLATE "C" NULL,
    resolved_night  text COLLATE "C" NULL,
    resolved_at     text COLLATE "C" NULL,
    resolution      text COLLATE "C" NULL
);

-- One unresolved alert per series and metric is a rule of the schema, not only of the code.
CREATE UNIQUE INDEX ux_analysis_alerts_active ON analysis_alerts (series_key) WHERE status <> 'resolved';
CREATE INDEX ix_analysis_alerts_hardware ON analysis_alerts (hardware, status, opened_night);

-- The change points the weekly sweep found.
CREATE TABLE change_points
(
    hardware  text COLLATE "C" NOT NULL,
    host      text COLLATE "C" NOT NULL,
    model     text COLLATE "C" NOT NULL,
    mode      text COLLATE "C" NOT NULL,
    load_kind text COLLATE "C" NOT NULL,
    load      double precision NOT NULL,
    metric    text COLLATE "C" NOT NULL,
    night     text COLLATE "C" NOT NULL,
    before    double precision NOT NULL,
    after     double precision NOT NULL,
    change    double precision NOT NULL,
    t         double precision NOT NULL,
    image     text COLLATE "C" NULL,
    found_at  text COLLATE "C" NOT NULL,
    PRIMARY KEY (hardware, host, model, mode, load_kind, load, metric, night)
);

-- Change counter ---------------------------------------------------------------------------------------------------------

-- What SQLite's PRAGMA data_version is to the dashboard's read cache: a number that moves when a transaction that
-- changed the results tables commits. The cache reads it before each summary query and reuses an answer while it stands.
CREATE TABLE results_changes
(
    id      integer NOT NULL PRIMARY KEY CHECK (id = 1),
    version bigint  NOT NULL
);

INSERT INTO results_changes (id, version) VALUES (1, 0);

-- Bumps the counter once per writing transaction, at its commit. The triggers are deferred constraint triggers, so they
-- fire when the transaction commits: the counter's row lock is taken after all of a writer's other locks and held only
-- for the commit (silos' writers never wait on each other's long transactions for it, nor deadlock over it), and the new
-- version becomes visible together with the data. A transaction-local setting marks the first bump, so the rows after
-- it cost a setting lookup each.
CREATE FUNCTION results_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF current_setting('sglci.results_changed', true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('sglci.results_changed', 'on', true);
        UPDATE results_changes SET version = version + 1 WHERE id = 1;
    END IF;
    RETURN NULL;
END
$$;

-- Every results table; TRUNCATE (which our code never issues) fires no row trigger and so is not counted.
DO
$$
DECLARE
    results_table text;
BEGIN
    FOREACH results_table IN ARRAY ARRAY[
        'runs', 'run_phases', 'run_checks', 'gsm8k_gates', 'gsm8k_trials', 'benchmark_points', 'offline_results',
        'summary_points', 'image_checks', 'import_units', 'seed_status_days', 'seed_status_tasks', 'seed_status_sanity',
        'sanity_attempts', 'sanity_trials', 'sanity_results', 'pd_tests', 'unit_tests', 'coverage_reports',
        'coverage_categories', 'analysis_alerts', 'change_points']
    LOOP
        EXECUTE format(
            'CREATE CONSTRAINT TRIGGER results_changed AFTER INSERT OR UPDATE OR DELETE ON %I '
            'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_changed()', results_table);
    END LOOP;
END
$$;
