namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>
/// What a PR image script's output says (<see cref="PrImageMarker"/> lines; everything else is git talking). Reading
/// never throws: a script killed half-way gives the facts it printed and no <see cref="Failure"/>.
/// </summary>
public sealed record PrImageOutput
{
    public string? Checkout { get; init; }

    public string? BaseSha { get; init; }

    public string? RemoteSha { get; init; }

    public string? NewSha { get; init; }

    /// <summary>The files that differ between the base and the new commit, as git printed them.</summary>
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];

    /// <summary>git could not list the changes: <see cref="ChangedFiles"/> is not the whole story.</summary>
    public bool ChangesUnknown { get; init; }

    /// <summary>Why the script stopped, when it said (an unknown name reads as null, with <see cref="FailureName"/> kept).</summary>
    public PrImageFailureKind? Failure { get; init; }

    /// <summary>The <c>failed</c> marker's value as printed; null when there was none.</summary>
    public string? FailureName { get; init; }

    /// <summary>The last error line git (or the script) printed (<c>fatal: …</c>, <c>error: …</c>); null when none.</summary>
    public string? ErrorLine { get; init; }

    public static PrImageOutput Parse(string? output)
    {
        var result = new PrImageOutput();
        var changed = new List<string>();
        foreach (var raw in (output ?? "").Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith(PrImageMarker.Prefix, StringComparison.Ordinal))
            {
                if (IsErrorLine(line))
                {
                    result = result with { ErrorLine = line.Trim() };
                }

                continue;
            }

            var body = line[PrImageMarker.Prefix.Length..];
            var space = body.IndexOf(' ', StringComparison.Ordinal);
            var (key, value) = space < 0 ? (body, "") : (body[..space], body[(space + 1)..]);
            result = key switch
            {
                PrImageMarker.Checkout => result with { Checkout = value },
                PrImageMarker.BaseSha => result with { BaseSha = value.Trim() },
                PrImageMarker.RemoteSha => result with { RemoteSha = value.Trim() },
                PrImageMarker.NewSha => result with { NewSha = value.Trim() },
                PrImageMarker.DiffUnknown => result with { ChangesUnknown = true },
                PrImageMarker.Failed => result with { FailureName = value.Trim(), Failure = PrImageFailureKinds.Parse(value) },
                _ => result,
            };
            if (key == PrImageMarker.Changed && value.Length > 0)
            {
                changed.Add(value);
            }
        }

        return result with { ChangedFiles = changed };
    }

    private static bool IsErrorLine(string line)
    {
        var text = line.TrimStart();
        return text.StartsWith("fatal:", StringComparison.Ordinal)
            || text.StartsWith("error:", StringComparison.Ordinal)
            || text.StartsWith("ERROR:", StringComparison.Ordinal)
            || text.StartsWith("remote: ", StringComparison.Ordinal) && text.Contains("not found", StringComparison.OrdinalIgnoreCase);
    }
}
