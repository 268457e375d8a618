-- The old CI's test jobs, imported from its log tree: sanity checks (every attempt and trial, and the decided
-- result per host, image and model), PD disaggregation tests, unit tests, and the upstream coverage reports.
-- Outcomes are lower-case words; paths are relative to the imported tree's root.

CREATE TABLE sanity_attempts
(
    source_path         TEXT    NOT NULL,
    attempt             INTEGER NOT NULL,
    hardware            TEXT    NOT NULL,
    host                TEXT    NOT NULL,
    image               TEXT    NOT NULL,
    image_date          TEXT    NOT NULL,
    model               TEXT    NOT NULL,
    started_at          TEXT    NULL,
    cuda_graph_disabled INTEGER NOT NULL CHECK (cuda_graph_disabled IN (0, 1)),
    server_startup_s    REAL    NULL,
    startup_failed      INTEGER NOT NULL CHECK (startup_failed IN (0, 1)),
    startup_error       TEXT    NULL,
    final_result        TEXT    NULL CHECK (final_result IS NULL OR final_result IN ('pass', 'fail')),
    reported_accuracy   REAL    NULL,
    required_accuracy   REAL    NULL,
    accuracy_rule       TEXT    NULL,
    total_time_s        REAL    NULL,
    source_line         INTEGER NOT NULL,
    PRIMARY KEY (source_path, attempt)
) STRICT;

CREATE TABLE sanity_trials
(
    source_path TEXT    NOT NULL,
    attempt     INTEGER NOT NULL,
    trial       INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,
    accuracy    REAL    NULL,
    time_s      REAL    NULL,
    detail      TEXT    NULL,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (source_path, attempt, trial)
) STRICT;

CREATE TABLE sanity_results
(
    hardware          TEXT    NOT NULL,
    host              TEXT    NOT NULL,
    image             TEXT    NOT NULL,
    image_date        TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    outcome           TEXT    NOT NULL CHECK (outcome IN ('pass', 'fail', 'skipped')),
    basis             TEXT    NOT NULL,
    accuracy          REAL    NULL,
    required_accuracy REAL    NULL,
    accuracy_rule     TEXT    NULL,
    decided_at        TEXT    NULL,
    source_path       TEXT    NOT NULL,
    source_line       INTEGER NOT NULL,
    PRIMARY KEY (hardware, host, image, model)
) STRICT;

-- One row per PD run (folder); passed is recomputed from the numbers (tests 1-4 PASS and GSM8K accuracy >= 0.001),
-- old_label is what the old script printed. steps and tests are JSON arrays of what the summary listed.
CREATE TABLE pd_tests
(
    hardware        TEXT    NOT NULL,
    label           TEXT    NOT NULL,
    image           TEXT    NULL,
    image_date      TEXT    NULL,
    host            TEXT    NULL,
    model           TEXT    NULL,
    setup_failed    INTEGER NOT NULL CHECK (setup_failed IN (0, 1)),
    tests_passed    INTEGER NOT NULL,
    gsm8k_accuracy  REAL    NULL,
    passed          INTEGER NOT NULL CHECK (passed IN (0, 1)),
    old_label       TEXT    NULL,
    total_s         INTEGER NULL,
    setup_s         INTEGER NULL,
    gsm8k_s         INTEGER NULL,
    steps           TEXT    NOT NULL,
    tests           TEXT    NOT NULL,
    source_path     TEXT    NOT NULL,
    PRIMARY KEY (hardware, label)
) STRICT;

CREATE TABLE unit_tests
(
    hardware    TEXT    NOT NULL,
    image       TEXT    NOT NULL,
    image_date  TEXT    NOT NULL,
    host        TEXT    NULL,
    test        TEXT    NULL,
    started_at  TEXT    NULL,
    ended_at    TEXT    NULL,
    exit_code   INTEGER NOT NULL,
    result      TEXT    NOT NULL CHECK (result IN ('passed', 'failed', 'killed')),
    tests_ran   INTEGER NULL,
    duration_s  REAL    NULL,
    verdict     TEXT    NULL,
    command     TEXT    NULL,
    source_path TEXT    NOT NULL,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (hardware, image)
) STRICT;

CREATE TABLE coverage_reports
(
    report_date      TEXT    NOT NULL PRIMARY KEY,
    amd_total        INTEGER NULL,
    nvidia_total     INTEGER NULL,
    coverage_percent REAL    NULL,
    source_path      TEXT    NOT NULL
) STRICT;

CREATE TABLE coverage_categories
(
    report_date      TEXT    NOT NULL,
    section          TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    amd_tests        INTEGER NOT NULL,
    nvidia_tests     INTEGER NOT NULL,
    coverage_percent REAL    NULL,
    source_line      INTEGER NOT NULL,
    PRIMARY KEY (report_date, section, category)
) STRICT;
