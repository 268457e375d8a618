using System.Data.Common;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.Storage.Results;

/// <summary>Binds contracts to the parameters of the dialect's write statements.</summary>
internal sealed class ResultsRowWriter(IResultsDialect dialect)
{
    public DbCommand Run(DbCommand c, RunSummary run, DateTimeOffset createdAt) => c
        .With("@id", run.Id)
        .With("@preset", run.Preset)
        .With("@preset_version", run.PresetVersion)
        .With("@model", run.Model)
        .With("@node", run.Node)
        .With("@host", run.Host)
        .With("@hardware", run.Hardware)
        .With("@mode", run.Mode)
        .With("@image", run.Image)
        .With("@image_date", Date(run.ImageDate))
        .With("@status", ResultsWireNames.Of(run.Status))
        .With("@reason", run.Reason)
        .With("@phase", ResultsWireNames.Of(run.Phase))
        .With("@trigger", run.Trigger)
        .With("@started_at", Timestamp(run.StartedAt))
        .With("@finished_at", Timestamp(run.FinishedAt))
        .With("@job_key", run.JobKey)
        .With("@created_at", dialect.Timestamp(createdAt));

    public static DbCommand Check(DbCommand c, string runId, int ordinal, RunCheckResult check) => c
        .With("@run_id", runId)
        .With("@ordinal", ordinal)
        .With("@name", check.Name)
        .With("@status", ResultsWireNames.Of(check.Status))
        .With("@value", check.Value is { } v && double.IsFinite(v) ? v : null)
        .With("@duration_s", check.Duration?.TotalSeconds)
        .With("@detail", check.Detail);

    public DbCommand Phase(DbCommand c, string runId, PhaseRecord phase) => c
        .With("@run_id", runId)
        .With("@phase", ResultsWireNames.Of(phase.Phase))
        .With("@started_at", dialect.Timestamp(phase.StartedAt))
        .With("@finished_at", Timestamp(phase.FinishedAt))
        .With("@status", ResultsWireNames.Of(phase.Status));

    public static DbCommand Gate(DbCommand c, string runId, Gsm8kGateResult gate) => c
        .With("@run_id", runId)
        .With("@threshold", gate.Threshold)
        .With("@accuracy", gate.Accuracy)
        .With("@invalid", gate.Invalid)
        .With("@passed", gate.Passed ? 1 : 0)
        .With("@rule", gate.Rule);

    public static DbCommand Trial(DbCommand c, string runId, Gsm8kTrialResult trial) => c
        .With("@run_id", runId)
        .With("@trial", trial.Trial)
        .With("@accuracy", trial.Accuracy)
        .With("@invalid", trial.Invalid)
        .With("@latency_s", trial.LatencySeconds)
        .With("@output_throughput", trial.OutputThroughput)
        .With("@questions", trial.Questions);

    public static DbCommand Point(DbCommand c, string runId, BenchmarkPointResult p)
    {
        c.With("@" + BenchmarkPointColumns.RunId, runId);
        foreach (var scalar in BenchmarkPointColumns.Scalars)
        {
            c.With("@" + scalar.Name, scalar.Of(p));
        }

        foreach (var metric in BenchmarkPointColumns.Metrics)
        {
            // A point deserialized from an older payload may lack a metric entirely; that is "no sample".
            var stats = metric.Of(p) ?? LatencyStats.Empty;
            foreach (var statistic in BenchmarkPointColumns.Statistics)
            {
                c.With("@" + BenchmarkPointColumns.Column(metric, statistic), statistic.Of(stats));
            }
        }

        foreach (var later in BenchmarkPointColumns.Later)
        {
            c.With("@" + later.Name, later.Of(p));
        }

        return c;
    }

    public static DbCommand Offline(DbCommand c, string runId, OfflineResult r) => c
        .With("@run_id", runId)
        .With("@batch_size", r.BatchSize)
        .With("@input_len", r.InputLen)
        .With("@output_len", r.OutputLen)
        .With("@prefill_latency_s", Finite(r.PrefillLatencyS))
        .With("@prefill_throughput", Finite(r.PrefillThroughput))
        .With("@decode_median_latency_s", Finite(r.DecodeMedianLatencyS))
        .With("@decode_median_throughput", Finite(r.DecodeMedianThroughput))
        .With("@total_latency_s", Finite(r.TotalLatencyS))
        .With("@total_throughput", Finite(r.TotalThroughput));

    /// <summary>NaN and infinities are "no number" (SQLite would store NaN as NULL anyway, PostgreSQL would keep it).</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private object? Timestamp(DateTimeOffset? value) => value is { } v ? dialect.Timestamp(v) : null;

    private object? Date(DateOnly? value) => value is { } v ? dialect.Date(v) : null;
}
