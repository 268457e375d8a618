namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// One row of the download catalog (the old <c>download_models.sh</c> table): which repo, where it goes under the base
/// directory (paths the presets' <c>--model-path</c> already point at, so they must not change), and which hardware
/// needs it.
/// </summary>
/// <param name="Key">Catalog key, e.g. <c>GROK1-INT4</c> (what <c>--model</c> takes).</param>
/// <param name="HfRepo">Hugging Face repo id, <c>org/name</c>.</param>
/// <param name="LocalDir">Directory relative to the base directory (default <c>/data</c>).</param>
/// <param name="ApproxSizeGb">Rough size for planning disk space before asking the Hub.</param>
/// <param name="Hardware">Hardware families that use it (mi30x, mi35x); an entry listing all of them is shared.</param>
/// <param name="Revision">Branch, tag or commit to pin; null: the client's default (<c>main</c>).</param>
public sealed record ModelDownloadEntry(string Key, string HfRepo, string LocalDir, double ApproxSizeGb, IReadOnlyList<string> Hardware, string? Revision = null)
{
    /// <summary>The model directory under <paramref name="baseDirectory"/>.</summary>
    public string LocalPath(string baseDirectory) => Path.GetFullPath(Path.Combine(baseDirectory, LocalDir));

    /// <summary>Whether a node of <paramref name="hardware"/> needs this model.</summary>
    public bool IsFor(string hardware) => Hardware.Contains(hardware, StringComparer.OrdinalIgnoreCase);
}
