using System.Diagnostics.CodeAnalysis;
using SglangCi.Toolkit.History;

namespace SglangCi.Toolkit.Images;

/// <summary>
/// Which registry tags are nightly builds. The old scripts took the first tag containing <c>-&lt;rocm&gt;-&lt;hw&gt;-&lt;date&gt;</c>
/// that did not end in <c>-srt</c>; here the whole name must be exactly one <see cref="ImageTag"/> (version, ROCm,
/// hardware, date, nothing after), which keeps that rule and also refuses release candidates (<c>…-20251003-RC</c>),
/// whose date matches a night but which are not that night's build.
/// </summary>
public static class NightlyTag
{
    public static bool TryRead(string? name, [NotNullWhen(true)] out ImageTag? tag)
    {
        tag = null;
        if (!ImageTag.TryParse(name, out var parsed)
            || !string.Equals(parsed.Tag, name, StringComparison.Ordinal)
            || parsed.Tag.EndsWith("-RC", StringComparison.Ordinal))
        {
            return false;
        }

        tag = parsed;
        return true;
    }
}
