using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.History.Online;

/// <summary>
/// The header of an online job's <c>timing_summary_*.log</c>: when the script started (the invocation's identity),
/// the machine, the image and the model path. Older files lack <c>Hostname:</c>; a file that stops after the header
/// still names its invocation.
/// </summary>
public sealed record OnlineTimingHeader(DateTimeOffset? StartedAt, string? Host, string? Image, string? ModelPath, DateTimeOffset? EndedAt)
{
    public static OnlineTimingHeader Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        DateTimeOffset? started = null, ended = null;
        string? host = null, image = null, model = null;
        foreach (var line in TextLine.Split(text))
        {
            var t = line.Text.Trim();
            if (started is null && t.StartsWith("Script started at:", StringComparison.Ordinal) && SeedClock.TryParse(t, out var s))
            {
                started = s;
            }
            else if (t.StartsWith("Script ended at:", StringComparison.Ordinal) && SeedClock.TryParse(t, out var e))
            {
                ended = e;
            }
            else if (host is null && t.StartsWith("Hostname:", StringComparison.Ordinal))
            {
                host = Value(t);
            }
            else if (image is null && t.StartsWith("Docker image:", StringComparison.Ordinal))
            {
                image = Value(t);
            }
            else if (model is null && t.StartsWith("Model:", StringComparison.Ordinal))
            {
                model = Value(t);
            }
        }

        return new OnlineTimingHeader(started, host, image, model, ended);
    }

    private static string? Value(string line)
    {
        var value = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        return value.Length == 0 ? null : value;
    }
}
