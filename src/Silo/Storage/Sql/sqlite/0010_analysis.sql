-- The analysis' memory: alerts with their lifecycle (one row per alert, from the night it opened until resolved) and
-- the change points the weekly sweep found. Both are written by the hardware's regression watch and read by the
-- dashboard and `sglang-ci analyze`. Nights are yyyy-MM-dd, times ISO-8601 UTC, words lower-case.

CREATE TABLE analysis_alerts
(
    id              TEXT NOT NULL PRIMARY KEY,
    series_key      TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('regression', 'accuracy-regression', 'missing-data')),
    status          TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    hardware        TEXT NOT NULL,
    host            TEXT NOT NULL,
    model           TEXT NOT NULL,
    mode            TEXT NOT NULL,
    load_kind       TEXT NULL,
    load            REAL NULL,
    metric          TEXT NOT NULL,
    opened_night    TEXT NOT NULL,
    since_night     TEXT NULL,
    last_night      TEXT NOT NULL,
    baseline        REAL NULL,
    value           REAL NULL,
    change          REAL NULL,
    image           TEXT NULL,
    baseline_image  TEXT NULL,
    acknowledged_by TEXT NULL,
    acknowledged_at TEXT NULL,
    note            TEXT NULL,
    resolved_night  TEXT NULL,
    resolved_at     TEXT NULL,
    resolution      TEXT NULL
) STRICT;

-- Deduplication per series is a rule of the schema, not only of the code: one unresolved alert per series and metric.
CREATE UNIQUE INDEX ux_analysis_alerts_active ON analysis_alerts (series_key) WHERE status <> 'resolved';
CREATE INDEX ix_analysis_alerts_hardware ON analysis_alerts (hardware, status, opened_night);

CREATE TABLE change_points
(
    hardware  TEXT NOT NULL,
    host      TEXT NOT NULL,
    model     TEXT NOT NULL,
    mode      TEXT NOT NULL,
    load_kind TEXT NOT NULL,
    load      REAL NOT NULL,
    metric    TEXT NOT NULL,
    night     TEXT NOT NULL,
    before    REAL NOT NULL,
    after     REAL NOT NULL,
    change    REAL NOT NULL,
    t         REAL NOT NULL,
    image     TEXT NULL,
    found_at  TEXT NOT NULL,
    PRIMARY KEY (hardware, host, model, mode, load_kind, load, metric, night)
) STRICT;
