using System.Globalization;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.History;

/// <summary>
/// Reads the old CI's wall-clock stamps, <c>2025-12-06 15:47:09 PST</c>, into absolute times. The benchmark and
/// sanity jobs ran on US Pacific time (PST/PDT), the unit tests on US Central (CST/CDT); the abbreviation decides
/// the offset, so the October/November daylight-saving change is read correctly. An unknown abbreviation is
/// refused rather than guessed. File names carry a bare local
/// stamp (<c>20251206_151532</c>) whose zone is the one of the file's own header.
/// </summary>
public static partial class SeedClock
{
    private static readonly Dictionary<string, TimeSpan> Offsets = new(StringComparer.Ordinal)
    {
        ["PST"] = TimeSpan.FromHours(-8),
        ["PDT"] = TimeSpan.FromHours(-7),
        ["CST"] = TimeSpan.FromHours(-6),
        ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7),
        ["MDT"] = TimeSpan.FromHours(-6),
        ["EST"] = TimeSpan.FromHours(-5),
        ["EDT"] = TimeSpan.FromHours(-4),
        ["UTC"] = TimeSpan.Zero,
        ["GMT"] = TimeSpan.Zero,
    };

    /// <summary>Finds <c>yyyy-MM-dd HH:mm:ss ZONE</c> anywhere in the text.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var match = StampPattern().Match(text);
        return match.Success
            && Offsets.TryGetValue(match.Groups["zone"].Value, out var offset)
            && TryLocal(match.Groups["local"].Value, "yyyy-MM-dd HH:mm:ss", offset, out value);
    }

    /// <summary>The offset of a zone abbreviation (PST, PDT, CST, CDT, UTC), if known.</summary>
    public static bool TryOffset(string abbreviation, out TimeSpan offset) => Offsets.TryGetValue(abbreviation, out offset);

    /// <summary>A file-name stamp <c>yyyyMMdd_HHmmss</c> at a known offset.</summary>
    public static bool TryParseFileStamp(string? stamp, TimeSpan offset, out DateTimeOffset value)
    {
        value = default;
        return stamp is not null && TryLocal(stamp, "yyyyMMdd_HHmmss", offset, out value);
    }

    /// <summary>The Pacific offset the old CI's files were written in on that local day (PDT until the first Sunday of November).</summary>
    public static TimeSpan PacificOffset(DateTime local)
    {
        var daylight = local >= SecondSundayOfMarch(local.Year).AddHours(2) && local < FirstSundayOfNovember(local.Year).AddHours(2);
        return TimeSpan.FromHours(daylight ? -7 : -8);
    }

    private static bool TryLocal(string text, string format, TimeSpan offset, out DateTimeOffset value)
    {
        value = default;
        if (!DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static DateTime SecondSundayOfMarch(int year)
    {
        var first = new DateTime(year, 3, 1);
        return first.AddDays(((7 - (int)first.DayOfWeek) % 7) + 7);
    }

    private static DateTime FirstSundayOfNovember(int year)
    {
        var first = new DateTime(year, 11, 1);
        return first.AddDays((7 - (int)first.DayOfWeek) % 7);
    }

    [GeneratedRegex(@"(?<local>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (?<zone>[A-Z]{3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex StampPattern();
}
