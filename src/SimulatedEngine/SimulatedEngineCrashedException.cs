namespace SglangCi.SimulatedEngine;

/// <summary>
/// Reported by <see cref="SimulatedEngineServer.Completion"/> (and <see cref="SimulatedEngineServer.WhenReady"/>)
/// when an injected fault took the server down, so an in-process runtime can treat it exactly like an
/// engine process that exited with an error.
/// </summary>
public sealed class SimulatedEngineCrashedException : Exception
{
    public SimulatedEngineCrashedException()
        : this("The simulated engine crashed.")
    {
    }

    public SimulatedEngineCrashedException(string message)
        : base(message)
    {
    }

    public SimulatedEngineCrashedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
