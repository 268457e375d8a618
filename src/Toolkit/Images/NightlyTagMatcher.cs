using SglangCi.Toolkit.History;

namespace SglangCi.Toolkit.Images;

/// <summary>
/// Collects, from tags seen newest first, the first nightly tag for each wanted (hardware, date, ROCm). The first
/// one wins, as in the old scripts: when a night was rebuilt under a new version number, the newest push is the one to run.
/// Shared by the finder and the availability check so both read a listing the same way.
/// </summary>
internal sealed class NightlyTagMatcher
{
    private readonly Dictionary<(string Hardware, DateOnly Date, string Rocm), ImageTag?> _wanted = [];

    public NightlyTagMatcher(IEnumerable<(string Hardware, DateOnly Date, string Rocm)> wanted)
    {
        foreach (var key in wanted)
        {
            _wanted[key] = null;
        }
    }

    public bool AllFound => _wanted.Values.All(tag => tag is not null);

    /// <summary>Records the tag if it is the first nightly for a wanted slot; true when it filled one.</summary>
    public bool Offer(DockerHubTag candidate)
    {
        if (!NightlyTag.TryRead(candidate.Name, out var tag))
        {
            return false;
        }

        var key = (tag.Hardware, tag.Date, tag.Rocm);
        if (!_wanted.TryGetValue(key, out var existing) || existing is not null)
        {
            return false;
        }

        _wanted[key] = tag;
        return true;
    }

    public ImageTag? Found(string hardware, DateOnly date, string rocm) =>
        _wanted.TryGetValue((hardware, date, rocm), out var tag) ? tag : null;
}
