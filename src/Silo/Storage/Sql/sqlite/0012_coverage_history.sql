-- Coverage history: the upstream AMD-vs-NVIDIA test coverage reports, now also computed from an SGLang checkout by our
-- own job, not only imported from the old CI's CSVs. A computed report knows more than an old CSV did: which checkout
-- it counted (commit), when it was recorded, and the gap list (every test file NVIDIA's CI runs and AMD's does not).
--
-- One report per date, the last writer wins: recording a report (computed or imported) replaces that date's totals,
-- categories and gaps in one transaction, whatever the origin of the report it replaces. Existing rows are imported
-- ones: they keep everything and read as origin 'imported', commit NULL, recorded_at NULL (the old CSVs say only
-- their date) and no gap list (the old reports did not keep file lists).

ALTER TABLE coverage_reports ADD COLUMN origin TEXT NOT NULL DEFAULT 'imported' CHECK (origin IN ('imported', 'computed'));
ALTER TABLE coverage_reports ADD COLUMN commit_sha TEXT NULL;
ALTER TABLE coverage_reports ADD COLUMN recorded_at TEXT NULL;

CREATE TABLE coverage_gaps
(
    report_date TEXT NOT NULL,
    category    TEXT NOT NULL,
    file        TEXT NOT NULL,
    estimated_s REAL NULL,
    PRIMARY KEY (report_date, category, file)
) STRICT;
