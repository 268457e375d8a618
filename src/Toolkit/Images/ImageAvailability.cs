namespace SglangCi.Toolkit.Images;

/// <summary>The verdict on one expected image for one night, worded as the old check's output lines.</summary>
public enum ImageAvailability
{
    /// <summary>Listed among the tags and confirmed by the single-tag endpoint: <c>✓ AVAILABLE</c>.</summary>
    Available,

    /// <summary>No nightly tag for that night, hardware and ROCm: <c>✗ NOT FOUND</c>.</summary>
    NotFound,

    /// <summary>
    /// Listed, but the single-tag lookup said 404 or failed: <c>✗ FOUND BUT NOT PULLABLE</c>. The old check saw this when
    /// a push was half done; a pull would fail just like a missing image, so it counts as missing.
    /// </summary>
    FoundButNotPullable,
}

/// <summary>The overall level of a check, as the old Teams card coloured it.</summary>
public enum ImageCheckLevel
{
    /// <summary>Every required image is available.</summary>
    Ok,

    /// <summary>Exactly one required image is missing: one hardware's nightly cannot run.</summary>
    Warning,

    /// <summary>Two or more required images are missing: most likely the nightly build itself broke.</summary>
    Error,
}
