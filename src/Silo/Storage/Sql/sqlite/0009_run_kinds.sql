-- Every job of a night is a run (sanity check, unit test, PD test, download, housekeeping, report, image check).
-- job_key names the schedule's job a run was fired for (schedule/job), so a night's status per job and the
-- "yesterday" rule find a job's earlier runs by key instead of by log strings. NULL for runs started by hand and
-- for imported runs.
ALTER TABLE runs ADD COLUMN job_key TEXT NULL;

CREATE INDEX ix_runs_job_key_image_date ON runs (job_key, image_date);

-- The checks of a run that are not benchmark numbers: a unit test command, PD steps, downloaded models, images
-- looked for, housekeeping actions. ordinal keeps the order they ran in; a re-save replaces the run's rows.
CREATE TABLE run_checks
(
    run_id     TEXT    NOT NULL,
    ordinal    INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('passed', 'failed', 'timedout', 'skipped', 'warning')),
    value      REAL    NULL,
    duration_s REAL    NULL,
    detail     TEXT    NULL,
    PRIMARY KEY (run_id, name)
) STRICT;
