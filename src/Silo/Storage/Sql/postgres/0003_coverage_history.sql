-- Coverage history on PostgreSQL: what Sql/sqlite/0012_coverage_history.sql adds there, with 0002's conventions (text
-- COLLATE "C", dates as 'yyyy-MM-dd' text, times as fixed-width ISO-8601 UTC text). A computed report knows more than
-- an old CSV did: which checkout it counted (commit), when it was recorded, and the gap list (every test file NVIDIA's
-- CI runs and AMD's does not).
--
-- One report per date, the last writer wins: recording a report (computed or imported) replaces that date's totals,
-- categories and gaps in one transaction. Existing rows are imported ones: origin 'imported', commit and recorded_at
-- NULL, no gap list.

ALTER TABLE coverage_reports
    ADD COLUMN origin      text COLLATE "C" NOT NULL DEFAULT 'imported' CHECK (origin IN ('imported', 'computed')),
    ADD COLUMN commit_sha  text COLLATE "C" NULL,
    ADD COLUMN recorded_at text COLLATE "C" NULL;

CREATE TABLE coverage_gaps
(
    report_date text COLLATE "C" NOT NULL,
    category    text COLLATE "C" NOT NULL,
    file        text COLLATE "C" NOT NULL,
    estimated_s double precision NULL,
    PRIMARY KEY (report_date, category, file)
);

-- A results table like the others of 0002: its writes move the change counter the dashboard's read cache asks.
CREATE CONSTRAINT TRIGGER results_changed AFTER INSERT OR UPDATE OR DELETE ON coverage_gaps
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_changed();
