namespace SglangCi.Toolkit.Upstream.Tests;

/// <summary>
/// What one test of a batch printed, between its begin and end lines. <see cref="ExitCode"/> and <see cref="Seconds"/>
/// are null when its end line never came (the batch was stopped while it ran).
/// </summary>
/// <param name="Index">1-based position in the batch.</param>
/// <param name="Name">The test as the batch named it.</param>
public sealed record UpstreamTestSection(int Index, string Name, string Text, int? ExitCode, long? Seconds)
{
    public bool Ended => ExitCode is not null;

    /// <summary>
    /// Whether its own <c>timeout</c> stopped it: exit 124 (TERM worked, coreutils), 143 (TERM, busybox) or 137 (KILL
    /// after the grace) once the test's time was up. A test killed earlier (137 from the out-of-memory killer) is not one.
    /// </summary>
    public bool TimedOut(TimeSpan timeout) =>
        ExitCode is 124 or 137 or 143 && Seconds is { } s && s >= Math.Floor(timeout.TotalSeconds) - 1;
}
