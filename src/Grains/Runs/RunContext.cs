using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// One run in progress, as its kind sees it: the plan, the node and the lease, the steps every kind uses (start an
/// engine and wait for it, run a command, GSM8K, a bench_serving sweep) and the reports back to the run grain. It
/// remembers every engine it started, so the pipeline stops them all whatever happened.
/// </summary>
public sealed partial class RunContext
{
    private readonly RunPipelineServices _services;
    private readonly IRunPhaseSink _sink;
    private readonly Guid _token;
    private readonly List<string> _servers = [];

    internal RunContext(RunPipelineServices services, IGpuNodeGrain node, RunPlan plan, IRunPhaseSink sink, Guid token, CancellationToken cancellationToken)
    {
        _services = services;
        _sink = sink;
        _token = token;
        Node = node;
        Plan = plan;
        CancellationToken = cancellationToken;
    }

    public RunPlan Plan { get; }

    public IGpuNodeGrain Node { get; }

    /// <summary>The run's GPUs; throws for a kind that runs without a lease.</summary>
    public GpuLease Lease => LeaseOrNull ?? throw new InvalidOperationException($"run '{Plan.RunId}' ({Plan.Mode.WireName()}) holds no GPU lease");

    public GpuLease? LeaseOrNull { get; internal set; }

    public CancellationToken CancellationToken { get; }

    public TimeProvider Time => _services.Time;

    public RunGrainOptions Options => _services.Options;

    /// <summary>What the run is doing now, in words; a failure is reported as "… failed during STAGE".</summary>
    public string Stage { get; set; } = "lease";

    /// <summary>The engines started and not yet stopped, newest last.</summary>
    internal IReadOnlyList<string> Servers => _servers;

    public Task LogAsync(string line) => _services.Logs.AppendAsync(Plan.RunId, line);

    /// <summary>Keeps a command's whole output as one of the run's logs; returns the log's name.</summary>
    public async Task<string?> WriteCommandLogAsync(string command, string output)
    {
        var path = await _services.Logs.WriteCommandLogAsync(Plan.RunId, command, output);
        return path is null ? null : $"{RunLogFiles.CommandsFolder}/{Path.GetFileNameWithoutExtension(path)}";
    }

    public Task PhaseStartedAsync(RunPhase phase) => _sink.PhaseStarted(phase, _token);

    public Task PhaseSkippedAsync(RunPhase phase) => _sink.PhaseSkipped(phase, _token);

    public Task ReportGsm8kAsync(Gsm8kGateResult gate) => _sink.Gsm8kCompleted(gate, _token);

    public Task ReportPointAsync(BenchmarkPointResult point) => _sink.PointCompleted(point, _token);

    public Task ReportOfflineAsync(OfflineResult result) => _sink.OfflineCompleted(result, _token);

    public Task ReportCheckAsync(RunCheckResult check) => _sink.CheckCompleted(check, _token);

    /// <summary>Raises an alert of the kind's own (kept with the run, handed to the alert channel when the run ends).</summary>
    public Task RaiseAlertAsync(AlertMessage alert) => _sink.AlertRaised(alert, _token);

    public HttpClient CreateEngineClient() => _services.CreateEngineClient();

    internal RunPipelineServices Services => _services;
}
