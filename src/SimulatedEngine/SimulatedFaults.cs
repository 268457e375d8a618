namespace SglangCi.SimulatedEngine;

/// <summary>
/// Failures the simulated engine can inject on purpose. A CI pipeline is mostly error handling, and real
/// engines fail in a few typical ways; each property models one so the orchestrator's reactions can be
/// tested deterministically. All off by default.
/// </summary>
public sealed record SimulatedFaults
{
    /// <summary>The server never becomes ready: after <see cref="SimulatedEngineOptions.StartupDelay"/> it
    /// stops listening and <see cref="SimulatedEngineServer.Completion"/> faults (the executable exits with
    /// code 1), like SGLang dying while loading a model.</summary>
    public bool FailStartup { get; init; }

    /// <summary>Fraction (0..1) of generation requests answered with HTTP 500 and SGLang's error JSON.
    /// Drawn from a seeded generator in arrival order, so a run is reproducible.</summary>
    public double ErrorRate { get; init; }

    /// <summary>When set, every request's stream stops after this many generated tokens and never
    /// finishes (the connection stays open until the client gives up), like a hung decode.</summary>
    public int? StallAfterTokens { get; init; }

    /// <summary>When set, the server crashes on receiving generation request number N + 1: every open
    /// connection is aborted, the listener closes and <see cref="SimulatedEngineServer.Completion"/> faults
    /// (the executable exits with code 1).</summary>
    public int? CrashAfterRequests { get; init; }
}
