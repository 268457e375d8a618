using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>A run's persisted state: the request, its summary, phases and results, and what is left to clean up.</summary>
[GenerateSerializer, Alias("sglci.run-state")]
public sealed class RunState
{
    [Id(0)]
    public RunRequest? Request { get; set; }

    [Id(1)]
    public RunSummary? Summary { get; set; }

    [Id(2)]
    public List<PhaseRecord> Phases { get; set; } = [];

    [Id(3)]
    public Gsm8kGateResult? Gsm8k { get; set; }

    [Id(4)]
    public List<BenchmarkPointResult> Points { get; set; } = [];

    /// <summary>The lease the run holds (or held), so a recovering activation can release it.</summary>
    [Id(5)]
    public Guid? LeaseId { get; set; }

    /// <summary>The engine the run started, so a recovering activation can stop it.</summary>
    [Id(6)]
    public string? ServerId { get; set; }

    /// <summary>The run ended without its pipeline finishing the job (interrupted, shut down, or the node call failed): engine, lease and queue place still to be let go.</summary>
    [Id(7)]
    public bool CleanupPending { get; set; }

    /// <summary>A results-store write failed; the watchdog writes everything again.</summary>
    [Id(8)]
    public bool StorePending { get; set; }

    /// <summary>The run ended and <see cref="Alerts"/> (or, for a state written before they existed, its end-of-run alert)
    /// are not all handed to the channel yet.</summary>
    [Id(9)]
    public bool AlertPending { get; set; }

    /// <summary>The bench_one_batch cases of an offline run.</summary>
    [Id(10)]
    public List<OfflineResult> Offline { get; set; } = [];

    /// <summary>The folder of the run's logs (<see cref="RunLogFiles"/>) on its node's silo; null for a run that kept none.</summary>
    [Id(11)]
    public string? LogDirectory { get; set; }

    /// <summary>The run's checks (<see cref="RunCheckResult"/>), in the order they ran.</summary>
    [Id(12)]
    public List<RunCheckResult> Checks { get; set; } = [];

    /// <summary>Every engine the run started (a PD run starts three), so a recovering activation stops them all;
    /// <see cref="ServerId"/> is the last of them.</summary>
    [Id(13)]
    public List<string> ServerIds { get; set; } = [];

    /// <summary>Alerts still to hand to the channel: those the run's kind raised (a daily summary, a missing image, a full
    /// disk) and, when the run failed, its end-of-run alert. Each leaves the list once the channel took it.</summary>
    [Id(14)]
    public List<AlertMessage> Alerts { get; set; } = [];
}
