namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>
/// POSIX shell quoting for values put into generated scripts: a value in single quotes is never expanded, split or run,
/// whatever it holds (a single quote inside becomes <c>'\''</c>). Validation decides what is allowed; this makes what is
/// allowed inert.
/// </summary>
public static class ShellQuote
{
    public static string Single(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
