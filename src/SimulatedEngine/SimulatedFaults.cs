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

    /// <summary>
    /// <see cref="FailStartup"/> only while CUDA graphs are on (no <c>--disable-cuda-graph</c> among the server flags), like
    /// a server that hangs in graph capture and comes up without graphs; the launch overrides turn it into
    /// <see cref="FailStartup"/> for the launch it applies to.
    /// </summary>
    public bool FailStartupWithCudaGraph { get; init; }

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

    /// <summary>How a test command run "in the engine" (<c>python3 -m unittest …</c>) goes wrong; see <see cref="UnitTestOutputWriter"/>.</summary>
    public SimulatedUnitTestFault UnitTest { get; init; }

    /// <summary>
    /// <see cref="UnitTest"/> for single test modules, by name (<c>test_abort</c>, without <c>.py</c>): an upstream test batch
    /// runs several files in one container, and a test of it needs one to pass, one to fail and one to hang.
    /// </summary>
    public IReadOnlyDictionary<string, SimulatedUnitTestFault> UnitTestByModule { get; init; } =
        new Dictionary<string, SimulatedUnitTestFault>(StringComparer.Ordinal);

    /// <summary>How a test command goes: its module's own fault, else <see cref="UnitTest"/>.</summary>
    public SimulatedUnitTestFault UnitTestFor(Toolkit.Parsing.UnitTests.TestCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return UnitTestByModule.TryGetValue(command.Name, out var fault) ? fault : UnitTest;
    }
}

/// <summary>The ways a simulated unit test run ends, as the seed's nightly logs show them.</summary>
public enum SimulatedUnitTestFault
{
    /// <summary>Every test passes: <c>OK</c>, exit 0.</summary>
    None = 0,

    /// <summary>The last test fails an assertion: <c>FAILED (failures=1)</c>, exit 1.</summary>
    Fail = 1,

    /// <summary>Every test errors (the seed's <c>ray.init</c> case): <c>FAILED (errors=N)</c>, exit 1.</summary>
    Error = 2,

    /// <summary>Killed mid-run (out of memory): no summary, exit 137.</summary>
    Crash = 3,

    /// <summary>Never ends; only the timeout stops it.</summary>
    Hang = 4,
}
