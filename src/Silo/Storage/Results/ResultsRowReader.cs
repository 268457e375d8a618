using System.Data.Common;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.Storage.Results;

/// <summary>Turns result rows back into contracts; column names match <see cref="ResultsRowWriter"/>.</summary>
internal sealed class ResultsRowReader(IResultsDialect dialect)
{
    public RunSummary Run(DbDataReader r) => new(
        Id: r.GetString("id"),
        Preset: r.GetString("preset"),
        PresetVersion: r.GetInt32("preset_version"),
        Model: r.GetString("model"),
        Node: r.GetString("node"),
        Host: r.GetString("host"),
        Hardware: r.GetString("hardware"),
        Mode: r.GetString("mode"),
        Image: r.GetNullableString("image"),
        ImageDate: NullableDate(r, "image_date"),
        Status: ResultsWireNames.ParseRunStatus(r.GetString("status")),
        Reason: r.GetNullableString("reason"),
        StartedAt: NullableTimestamp(r, "started_at"),
        FinishedAt: NullableTimestamp(r, "finished_at"),
        Phase: ResultsWireNames.ParseRunPhase(r.GetString("phase")),
        Trigger: r.GetString("trigger"))
    {
        JobKey = r.GetNullableString("job_key"),
    };

    public static RunCheckResult Check(DbDataReader r) => new(
        r.GetString("name"),
        ResultsWireNames.ParseCheckStatus(r.GetString("status")),
        r.GetNullableDouble("value"),
        r.GetNullableDouble("duration_s") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        r.GetNullableString("detail"));

    public PhaseRecord Phase(DbDataReader r) => new(
        ResultsWireNames.ParseRunPhase(r.GetString("phase")),
        dialect.ReadTimestamp(r, r.GetOrdinal("started_at")),
        NullableTimestamp(r, "finished_at"),
        ResultsWireNames.ParsePhaseStatus(r.GetString("status")));

    public Gsm8kGateResult Gate(DbDataReader r, IReadOnlyList<Gsm8kTrialResult> trials) => new(
        r.GetDouble("threshold"),
        r.GetNullableDouble("accuracy"),
        r.GetNullableDouble("invalid"),
        r.GetInt32("passed") != 0,
        r.GetString("rule"),
        trials);

    public static SummaryPoint SummaryPoint(DbDataReader r) => new(
        r.GetString("origin"),
        ResultsWireNames.ParseLoadKind(r.GetString("load_kind")),
        r.GetDouble("load"),
        r.GetNullableDouble("e2e_median_ms"),
        r.GetNullableDouble("ttft_median_ms"),
        r.GetNullableDouble("itl_median_ms"),
        r.GetString("source_path"),
        r.GetInt32("source_line"));

    public static RunProvenance Provenance(DbDataReader r) => new(r.GetString("source"), r.GetNullableString("source_path"));

    public RunDay Day(DbDataReader r) => new(dialect.ReadDate(r, r.GetOrdinal("day")), r.GetInt32("runs"), r.GetInt32("failed"));

    public static Gsm8kTrialResult Trial(DbDataReader r) => new(
        r.GetInt32("trial"),
        r.GetDouble("accuracy"),
        r.GetDouble("invalid"),
        r.GetDouble("latency_s"),
        r.GetNullableDouble("output_throughput"),
        r.GetInt32("questions"));

    public static BenchmarkPointResult Point(DbDataReader r) => new(
        ResultsWireNames.ParseLoadKind(r.GetString("load_kind")),
        r.GetDouble("load"),
        r.GetInt32("repetition"),
        r.GetInt32("completed"),
        r.GetInt32("failed"),
        r.GetDouble("duration_s"),
        r.GetDouble("request_throughput"),
        r.GetDouble("input_token_throughput"),
        r.GetDouble("output_token_throughput"),
        r.GetDouble("total_token_throughput"),
        r.GetNullableDouble("concurrency"),
        Latency(r, BenchmarkPointColumns.Ttft),
        Latency(r, BenchmarkPointColumns.Itl),
        Latency(r, BenchmarkPointColumns.Tpot),
        Latency(r, BenchmarkPointColumns.E2e))
    {
        Goodput = r.GetNullableDouble("goodput"),
        FailureReasons = FailureReasonsJson.Read(r.GetNullableString("failure_reasons")),
    };

    public static OfflineResult Offline(DbDataReader r) => new(
        r.GetInt32("batch_size"),
        r.GetInt32("input_len"),
        r.GetInt32("output_len"),
        r.GetNullableDouble("prefill_latency_s"),
        r.GetNullableDouble("prefill_throughput"),
        r.GetNullableDouble("decode_median_latency_s"),
        r.GetNullableDouble("decode_median_throughput"),
        r.GetNullableDouble("total_latency_s"),
        r.GetNullableDouble("total_throughput"));

    private static LatencyStats Latency(DbDataReader r, BenchmarkPointColumns.Metric metric) =>
        BenchmarkPointColumns.Statistics.Aggregate(
            LatencyStats.Empty,
            (stats, statistic) => statistic.With(stats, r.GetNullableDouble(BenchmarkPointColumns.Column(metric, statistic))));

    private DateTimeOffset? NullableTimestamp(DbDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : dialect.ReadTimestamp(r, ordinal);
    }

    private DateOnly? NullableDate(DbDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : dialect.ReadDate(r, ordinal);
    }
}
