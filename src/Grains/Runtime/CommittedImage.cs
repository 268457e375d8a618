namespace SglangCi.Grains.Runtime;

/// <summary>
/// The image a runtime kept from a command whose launch asked for it (<see cref="Interfaces.Nodes.EngineLaunch.CommitAs"/>):
/// its id and every tag it got. The runtime appends <see cref="ToLine"/> as the command output's last line, so the kind
/// that asked learns what exists now from the runtime, not from its own wishes. A commit that fails after the command
/// worked ends the output with <see cref="FailureLine"/> instead, so the kind can say why the image is missing.
/// </summary>
public sealed record CommittedImage(string ImageId, IReadOnlyList<string> Tags)
{
    /// <summary>The start of the runtime's line: <c>##sglci-committed-image ID TAG…</c>.</summary>
    public const string LinePrefix = "##sglci-committed-image ";

    /// <summary>The start of the runtime's line when it could not keep the image: <c>error: the image could not be kept: WHY</c>.</summary>
    public const string FailurePrefix = "error: the image could not be kept: ";

    /// <summary>The output line saying the command's result could not be kept as <paramref name="tags"/> (with its newline).</summary>
    public static string FailureLine(IReadOnlyList<string> tags, string reason)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var oneLine = string.Join(' ', (reason ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"{FailurePrefix}{string.Join(", ", tags)}: {oneLine}\n";
    }

    /// <summary>Why the runtime could not keep the image (the rest of the last <see cref="FailurePrefix"/> line); null when it did not say.</summary>
    public static string? FailureIn(string? output) =>
        (output ?? "").Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(FailurePrefix, StringComparison.Ordinal)) is { } line
            ? line[FailurePrefix.Length..]
            : null;

    /// <summary>The output line naming this image (with its newline).</summary>
    public string ToLine() => $"{LinePrefix}{ImageId} {string.Join(' ', Tags)}\n";

    /// <summary>The image the last runtime line of <paramref name="output"/> names; null when there is none.</summary>
    public static CommittedImage? FindIn(string? output)
    {
        var line = (output ?? "").Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(LinePrefix, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var words = line[LinePrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? null : new CommittedImage(words[0], words[1..]);
    }
}
