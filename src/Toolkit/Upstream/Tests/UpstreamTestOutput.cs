using System.Globalization;
using System.Text;

namespace SglangCi.Toolkit.Upstream.Tests;

/// <summary>
/// Splits a batch's output (see <see cref="UpstreamTestBatch"/>) into its tests. Lines outside any test (the container's
/// own noise) are dropped; a begin line without its end closes the section at the next begin or at the end of the output.
/// </summary>
public static class UpstreamTestOutput
{
    /// <summary>The tests the output shows, in order, and whether the batch found no checkout to run them in.</summary>
    public static (IReadOnlyList<UpstreamTestSection> Sections, string? MissingCheckout) Split(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sections = new List<UpstreamTestSection>();
        string? missing = null;
        (int Index, string Name, StringBuilder Text)? open = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(UpstreamTestMarkers.NoCheckout, StringComparison.Ordinal))
            {
                missing = line[UpstreamTestMarkers.NoCheckout.Length..].Trim();
            }
            else if (TryBegin(line, out var index, out var name))
            {
                Close(sections, open, null, null);
                open = (index, name, new StringBuilder());
            }
            else if (open is { } current && EndMarkerAt(line, current.Index) is var at and >= 0
                && TryEnd(line[at..], current.Index, out var exitCode, out var seconds))
            {
                // A test killed mid-line leaves its last words before the marker ("test_x ... ").
                current.Text.Append(line[..at]).Append(at > 0 ? "\n" : "");
                Close(sections, open, exitCode, seconds);
                open = null;
            }
            else
            {
                open?.Text.Append(line).Append('\n');
            }
        }

        Close(sections, open, null, null);
        return (sections, missing);
    }

    private static void Close(List<UpstreamTestSection> sections, (int Index, string Name, StringBuilder Text)? open, int? exitCode, long? seconds)
    {
        if (open is { } section)
        {
            sections.Add(new UpstreamTestSection(section.Index, section.Name, section.Text.ToString(), exitCode, seconds));
        }
    }

    private static int EndMarkerAt(string line, int index) =>
        line.IndexOf($"{UpstreamTestMarkers.Prefix}end {index.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal);

    private static bool TryBegin(string line, out int index, out string name)
    {
        index = 0;
        name = "";
        var prefix = UpstreamTestMarkers.Prefix + "begin ";
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var words = line[prefix.Length..].Split(' ', 2);
        if (words.Length != 2 || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        name = words[1].Trim();
        return true;
    }

    private static bool TryEnd(string line, int index, out int exitCode, out long seconds)
    {
        exitCode = 0;
        seconds = 0;
        var prefix = $"{UpstreamTestMarkers.Prefix}end {index.ToString(CultureInfo.InvariantCulture)} ";
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = line[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        return fields.TryGetValue("exit", out var code) && int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exitCode)
            && fields.TryGetValue("seconds", out var s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds);
    }
}
