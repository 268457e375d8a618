-- Offline (bench_one_batch) results: one row per case of a run. A case that printed no numbers (out of memory,
-- skipped for the batch limit) keeps NULL values, the old CSV's NA. No foreign key, like the other results tables.

CREATE TABLE offline_results
(
    run_id                   TEXT    NOT NULL,
    batch_size               INTEGER NOT NULL CHECK (batch_size >= 1),
    input_len                INTEGER NOT NULL CHECK (input_len >= 1),
    output_len               INTEGER NOT NULL CHECK (output_len >= 1),
    prefill_latency_s        REAL    NULL,
    prefill_throughput       REAL    NULL,
    decode_median_latency_s  REAL    NULL,
    decode_median_throughput REAL    NULL,
    total_latency_s          REAL    NULL,
    total_throughput         REAL    NULL,
    PRIMARY KEY (run_id, batch_size, input_len, output_len)
) STRICT;
