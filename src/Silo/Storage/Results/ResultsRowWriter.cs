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
        .With("@created_at", dialect.Timestamp(createdAt));

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
        c.With("@run_id", runId)
            .With("@load_kind", ResultsWireNames.Of(p.LoadKind))
            .With("@load", p.Load)
            .With("@repetition", p.Repetition)
            .With("@completed", p.Completed)
            .With("@failed", p.Failed)
            .With("@duration_s", p.DurationSeconds)
            .With("@request_throughput", p.RequestThroughput)
            .With("@input_token_throughput", p.InputTokenThroughput)
            .With("@output_token_throughput", p.OutputTokenThroughput)
            .With("@total_token_throughput", p.TotalTokenThroughput)
            .With("@concurrency", p.Concurrency);
        Latency(c, "ttft", p.Ttft);
        Latency(c, "itl", p.Itl);
        Latency(c, "tpot", p.Tpot);
        Latency(c, "e2e", p.E2e);
        return c;
    }

    private static void Latency(DbCommand c, string metric, LatencyStats? stats)
    {
        // A point deserialized from an older payload may lack a metric entirely; that is "no sample".
        stats ??= LatencyStats.Empty;
        c.With($"@{metric}_mean_ms", stats.Mean)
            .With($"@{metric}_median_ms", stats.Median)
            .With($"@{metric}_p90_ms", stats.P90)
            .With($"@{metric}_p95_ms", stats.P95)
            .With($"@{metric}_p99_ms", stats.P99)
            .With($"@{metric}_std_ms", stats.Std)
            .With($"@{metric}_max_ms", stats.Max);
    }

    private object? Timestamp(DateTimeOffset? value) => value is { } v ? dialect.Timestamp(v) : null;

    private object? Date(DateOnly? value) => value is { } v ? dialect.Date(v) : null;
}
