namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Something in the checkout the reader could not take as data — odd syntax, a computed argument, undecodable bytes —
/// and skipped. Reading never fails on such input: it goes on and says here what it left out, so a number that looks
/// low can be traced to the line that was not understood.
/// </summary>
/// <param name="File">Path relative to the checkout's root, with '/'.</param>
/// <param name="Line">1-based line the problem starts on (0 for the file as a whole).</param>
/// <param name="Message">What was skipped and why.</param>
public sealed record CoverageWarning(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
