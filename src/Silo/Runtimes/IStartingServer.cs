namespace SglangCi.Silo.Runtimes;

/// <summary>What <see cref="EngineReadiness"/> needs of a server that is starting, whatever runs it (container, process).</summary>
internal interface IStartingServer
{
    /// <summary>Names it in messages: <c>container X</c>, <c>server process X (pid N)</c>.</summary>
    string Description { get; }

    /// <summary>Completes when it ends (wakes the wait early); a runtime that cannot tell returns a task that never completes.</summary>
    Task Ended { get; }

    /// <summary>Null while it runs; once it has ended, how (<c>exited with code 1</c>), after its last output has been read.</summary>
    Task<string?> HowItEndedAsync(CancellationToken ct);
}
