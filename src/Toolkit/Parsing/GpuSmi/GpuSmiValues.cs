using System.Globalization;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Parsing.GpuSmi;

/// <summary>Value conventions shared by the three tools: N/A markers, percentages and memory sizes with units.</summary>
internal static partial class GpuSmiValues
{
    private const double MiB = 1024 * 1024;

    /// <summary>Markers the tools print for "no value": N/A, [N/A] (nvidia-smi CSV with MIG), [Not Supported], UNKNOWN, n/a.</summary>
    public static bool IsMissing(string? value)
    {
        var v = value?.Trim().Trim('[', ']').Trim();
        return string.IsNullOrEmpty(v) || v.Equals("N/A", StringComparison.OrdinalIgnoreCase) ||
               v.Equals("Not Supported", StringComparison.OrdinalIgnoreCase) || v.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase) ||
               v.Equals("Insufficient Permissions", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"35", "35%", "35 %", "0.10168" → the number; a missing marker → null; anything else → false.</summary>
    public static bool TryPercent(string? value, out double? percent)
    {
        percent = null;
        if (IsMissing(value))
        {
            return true;
        }

        var v = value!.Trim().TrimEnd('%').Trim();
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
        {
            percent = p;
            return true;
        }

        return false;
    }

    /// <summary>A plain number (bytes, MiB); a missing marker → null; anything else → false.</summary>
    public static bool TryNumber(string? value, out double? number)
    {
        number = null;
        if (IsMissing(value))
        {
            return true;
        }

        if (double.TryParse(value!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            number = n;
            return true;
        }

        return false;
    }

    /// <summary>
    /// A size with a unit, in MiB: "1234MiB", "1234 MiB", "1.9 GB", "0.0 B", "283 MB". amd-smi's "GB"/"MB" are binary
    /// (an MI300X's 192 GiB prints as 191.7 GB), so decimal-looking units are read as binary ones. A bare number is
    /// <paramref name="bareUnitMiB"/> MiB per unit (1 for nvidia-smi nounits, 1/2^20 for byte counts).
    /// </summary>
    public static bool TrySizeMiB(string? value, double bareUnitMiB, out double? mib)
    {
        mib = null;
        if (IsMissing(value))
        {
            return true;
        }

        var m = SizePattern().Match(value!.Trim());
        if (!m.Success)
        {
            return false;
        }

        var n = double.Parse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var factor = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "" => bareUnitMiB,
            "B" => 1 / MiB,
            "K" or "KB" or "KIB" => 1.0 / 1024,
            "M" or "MB" or "MIB" => 1,
            "G" or "GB" or "GIB" => 1024,
            "T" or "TB" or "TIB" => 1024 * 1024,
            _ => double.NaN,
        };
        if (double.IsNaN(factor))
        {
            return false;
        }

        mib = Math.Round(n * factor, 3);
        return true;
    }

    public static bool TryInt(string? value, out int result) =>
        int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result);

    public static string[] Tokens(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)$")]
    private static partial Regex SizePattern();
}
