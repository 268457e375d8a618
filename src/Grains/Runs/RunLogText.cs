using System.Globalization;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>The lines of a run's own log, one per event, in words a person reads while the run goes (pure formatting).</summary>
public static class RunLogText
{
    public static string Queued(RunSummary run) =>
        $"run {run.Id} queued: preset {run.Preset} v{run.PresetVersion} ({run.Model}, {run.Mode}) on node {run.Node} " +
        $"(hardware {run.Hardware}, host {run.Host}); image {run.Image ?? "none"}; trigger {run.Trigger}";

    public static string PhaseEntered(RunPhase phase) => $"phase {phase.ToWireName()} started";

    public static string PhaseSkipped(RunPhase phase) => $"phase {phase.ToWireName()} skipped";

    public static string Finished(RunStatus status, string? reason) =>
        $"run finished: {status.ToString().ToUpperInvariant()}{(string.IsNullOrEmpty(reason) ? "" : $" ({reason})")}";

    public static string LeaseGranted(GpuLease lease) =>
        $"lease {lease.LeaseId} granted on node {lease.NodeName}: GPUs {string.Join(',', lease.Gpus)}";

    /// <summary>The launch as a shell would run it: environment, then <c>python3 -m sglang.launch_server</c> with the model and flags.</summary>
    public static string LaunchCommand(EngineLaunch launch)
    {
        var environment = launch.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={Quote(e.Value)}");
        var command = (launch.Program ?? ["python3", "-m", "sglang.launch_server", "--model-path", launch.ModelPath]).Concat(launch.ServerArgs).Select(Quote);
        return $"launch (image {launch.Image}, startup timeout {launch.StartupTimeout:c}): {string.Join(' ', environment.Concat(command))}";
    }

    public static string EngineStarting(string serverId) => $"engine {serverId} starting; waiting for it to answer as ready";

    public static string EngineReady(Uri baseUrl, TimeSpan took) =>
        $"engine ready at {baseUrl} after {took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";

    public static string Gsm8kTrial(Gsm8kTrialResult trial, int trials) =>
        $"GSM8K trial {trial.Trial}/{trials}: accuracy {F(trial.Accuracy, "0.000")}, invalid {F(trial.Invalid, "0.000")}, " +
        $"latency {F(trial.LatencySeconds, "0.00")} s, output throughput {F(trial.OutputThroughput, "0.0")} tok/s ({trial.Questions} questions)";

    public static string Gsm8kGate(Gsm8kGateResult gate) =>
        $"GSM8K gate {(gate.Passed ? "PASSED" : "FAILED")}: accuracy {F(gate.Accuracy, "0.000")} against threshold {F(gate.Threshold, "0.000")} " +
        $"(rule {gate.Rule}, {gate.Trials.Count} trial(s))";

    public static string PointStarting(LoadKind kind, double load, int repetition, int prompts) =>
        $"benchmark {Kind(kind)} {F(load, "0.##")} repetition {repetition + 1}: {prompts} prompts";

    /// <summary>One load point's result in one line, as bench_serving's summary would put it.</summary>
    public static string Point(BenchmarkPointResult p)
    {
        var line = $"benchmark {Kind(p.LoadKind)} {F(p.Load, "0.##")} repetition {p.Repetition + 1}: {p.Completed} completed, {p.Failed} failed " +
            $"in {F(p.DurationSeconds, "0.00")} s; {F(p.RequestThroughput, "0.00")} req/s, output {F(p.OutputTokenThroughput, "0.0")} tok/s; " +
            $"median TTFT {F(p.Ttft.Median, "0.0")} ms, ITL {F(p.Itl.Median, "0.00")} ms, TPOT {F(p.Tpot.Median, "0.00")} ms, E2E {F(p.E2e.Median, "0.0")} ms" +
            (p.Goodput is { } goodput ? $"; goodput {F(goodput, "0.00")} req/s" : "");
        return p.FailureReasons.Count == 0 ? line : $"{line}; first failure: {p.FailureReasons[0].Reason} (x{p.FailureReasons[0].Count})";
    }

    public static string CommandStarting(IReadOnlyList<string> command) => $"command: {string.Join(' ', command.Select(Quote))}";

    public static string OfflineCase(string where, OfflineResult result, string? failure, string? logName) =>
        $"{where}: " + (result.HasNumbers
            ? $"prefill {F(result.PrefillThroughput, "0.0")} tok/s, decode median {F(result.DecodeMedianThroughput, "0.0")} tok/s, total {F(result.TotalLatencyS, "0.000")} s"
            : "no numbers") +
        (failure is null ? "" : $"; {failure}") + (logName is null ? "" : $" (output in {logName})");

    public static string PreLaunchStarting(PreLaunchStep step, int index, int count) =>
        $"pre-launch step {index + 1}/{count} '{step.Name}' ({(step.Kind == PreLaunchStepKind.Command ? "command" : "warm-up server")}, " +
        $"timeout {step.Timeout:c}{(step.Required ? ", required" : "")}) starting";

    /// <summary>How a pre-launch step ended: <paramref name="outcome"/> is <c>succeeded</c>, <c>skipped</c>, <c>failed</c> or <c>timed out</c>.</summary>
    public static string PreLaunchFinished(PreLaunchStep step, string outcome, string? detail, TimeSpan took) =>
        $"pre-launch step '{step.Name}' {outcome} after {took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s" +
        (string.IsNullOrEmpty(detail) ? "" : $": {detail}");

    public static string Check(RunCheckResult check) =>
        $"check {check.Name}: {check.Status.ToString().ToLowerInvariant()}"
        + (check.Value is { } v ? $" ({v.ToString("0.####", CultureInfo.InvariantCulture)})" : "")
        + (check.Duration is { } d ? $" in {d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "")
        + (string.IsNullOrEmpty(check.Detail) ? "" : $": {check.Detail}");

    public static string AlertRaised(AlertMessage alert) => $"alert ({alert.Severity.ToString().ToLowerInvariant()}): {alert.Title}";

    public static string Failed(string stage, string? reason) => $"FAILED during {stage}: {reason}";

    public static string CleanedUp(string? serverId, bool leased) =>
        $"clean-up: {(serverId is null ? "no engine to stop" : $"engine {serverId} stopped")}, {(leased ? "lease released" : "queue place left")}";

    private static string Kind(LoadKind kind) => kind == LoadKind.Concurrency ? "concurrency" : "request rate";

    private static string F(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Quote(string text) =>
        text.Length > 0 && text.All(c => !char.IsWhiteSpace(c) && c is not ('\'' or '"' or '$' or '`' or '\\')) ? text : $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
