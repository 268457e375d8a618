namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>
/// The lines the PR image scripts print for each fact they find, so the kind reads facts, not git's wording:
/// <c>##sglci-pr-image KEY VALUE</c>, one per line, with VALUE the rest of the line.
/// </summary>
public static class PrImageMarker
{
    public const string Prefix = "##sglci-pr-image ";

    /// <summary>Where the checkout is in the image (the script's view).</summary>
    public const string Checkout = "checkout";

    /// <summary>The commit the image's checkout was at before the update.</summary>
    public const string BaseSha = "base";

    /// <summary>The commit the remote's ref points at (resolve step).</summary>
    public const string RemoteSha = "remote";

    /// <summary>The commit the checkout is at after the update.</summary>
    public const string NewSha = "new";

    /// <summary>One file that differs between <see cref="BaseSha"/> and <see cref="NewSha"/> (as git prints it).</summary>
    public const string Changed = "changed";

    /// <summary>git could not list the changed files (value: empty); the dependencies are then unknown.</summary>
    public const string DiffUnknown = "diff-unknown";

    /// <summary>Why the script stopped: one of <see cref="PrImageFailureKind"/>'s wire names.</summary>
    public const string Failed = "failed";
}
