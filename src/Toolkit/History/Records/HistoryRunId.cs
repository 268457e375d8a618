using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SglangCi.Toolkit.History.Records;

/// <summary>
/// Derives an imported run's id from its key alone, so every source that describes the same invocation (the result
/// folder's timing summary, its client logs, the cron log) lands on the same row, and a re-import is a no-op. The
/// readable part helps people; the hash of the full key keeps two hosts or two tags from colliding.
/// </summary>
public static class HistoryRunId
{
    public const string Prefix = "seed-";

    public static string For(HistoryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var utc = run.InvokedAt.UtcDateTime;
        var key = string.Join('|', run.Hardware, run.Host, run.Model, run.Mode, run.Image.Tag, utc.ToString("O", CultureInfo.InvariantCulture));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..6];
        return string.Join('-',
            Prefix + utc.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
            Slug(run.Model),
            Slug(run.Mode),
            Slug(run.Hardware),
            Slug(ShortHost(run.Host)),
            hash);
    }

    /// <summary>The distinguishing tail of a host name: <c>dell300x-pla-t12-38</c> → <c>t12-38</c>.</summary>
    public static string ShortHost(string host)
    {
        var name = host.Split('.')[0];
        var parts = name.Split('-');
        return parts.Length >= 2 ? $"{parts[^2]}-{parts[^1]}" : name;
    }

    private static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return builder.ToString().Trim('-').Replace("--", "-", StringComparison.Ordinal);
    }
}
