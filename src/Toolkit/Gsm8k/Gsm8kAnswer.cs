using System.Globalization;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// SGLang's GSM8K answer extraction, deliberately including its quirks (signs and decimal points are ignored, so
/// "-3" reads as 3 and "2.5" as 5): our accuracy must be comparable with the thresholds tuned on SGLang's numbers.
/// </summary>
public static partial class Gsm8kAnswer
{
    /// <summary>Deletes commas, takes the last run of digits and parses it; null when there is none or it overflows an int.</summary>
    public static int? Extract(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var matches = Digits().Matches(text.Replace(",", string.Empty, StringComparison.Ordinal));
        if (matches.Count == 0)
        {
            return null;
        }

        return int.TryParse(matches[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    // ASCII digits only: Python's \d also matches other scripts' digits, but its literal_eval would reject them anyway.
    [GeneratedRegex("[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
