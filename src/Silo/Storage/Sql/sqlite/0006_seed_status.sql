-- The old CI's own SQLite DB (ci_dashboard.db), imported as secondary status history with provenance 'seed-db':
-- one row per (date, hardware, machine) with its task statuses and sanity results. It holds no measurements, only
-- what the old dashboard derived, and it covers dates that have no files (Sept 2025, mi35x DeepSeek in Dec). Its
-- row ids were never stable, so rows are keyed by what they mean.

CREATE TABLE seed_status_days
(
    run_date        TEXT    NOT NULL CHECK (run_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    hardware        TEXT    NOT NULL,
    machine         TEXT    NOT NULL,
    image           TEXT    NULL,
    image_date      TEXT    NULL,
    overall_status  TEXT    NULL,
    total_tasks     INTEGER NULL,
    passed_tasks    INTEGER NULL,
    failed_tasks    INTEGER NULL,
    unknown_tasks   INTEGER NULL,
    not_run_tasks   INTEGER NULL,
    run_time_label  TEXT    NULL,
    source          TEXT    NOT NULL DEFAULT 'seed-db',
    PRIMARY KEY (run_date, hardware, machine)
) STRICT;

CREATE TABLE seed_status_tasks
(
    run_date         TEXT    NOT NULL,
    hardware         TEXT    NOT NULL,
    machine          TEXT    NOT NULL,
    task             TEXT    NOT NULL,
    status           TEXT    NULL,
    gsm8k_accuracy   REAL    NULL,
    runtime_minutes  INTEGER NULL,
    error_message    TEXT    NULL,
    PRIMARY KEY (run_date, hardware, machine, task)
) STRICT;

CREATE TABLE seed_status_sanity
(
    run_date  TEXT NOT NULL,
    hardware  TEXT NOT NULL,
    machine   TEXT NOT NULL,
    model     TEXT NOT NULL,
    status    TEXT NULL,
    accuracy  REAL NULL,
    PRIMARY KEY (run_date, hardware, machine, model)
) STRICT;
