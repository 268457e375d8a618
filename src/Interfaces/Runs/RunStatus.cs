namespace SglangCi.Interfaces.Runs;

[GenerateSerializer]
public enum RunStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    Skipped = 4,
}

/// <summary>The run's state machine, in order. A run that ends early records why in its reason.</summary>
[GenerateSerializer]
public enum RunPhase
{
    Queued = 0,
    Leased = 1,
    ServerUp = 2,
    Gsm8kGate = 3,
    Benchmark = 4,
    Collected = 5,
    Done = 6,
}

[GenerateSerializer]
public enum PhaseStatus
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
    Skipped = 3,
}

public static class RunStatusExtensions
{
    public static bool IsTerminal(this RunStatus status) =>
        status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Skipped;

    /// <summary>Lower-case wire name used in JSON, the DB and URLs (<c>gsm8k_gate</c>, <c>server_up</c>, ...).</summary>
    public static string ToWireName(this RunPhase phase) => phase switch
    {
        RunPhase.ServerUp => "server_up",
        RunPhase.Gsm8kGate => "gsm8k_gate",
        _ => phase.ToString().ToLowerInvariant(),
    };
}
