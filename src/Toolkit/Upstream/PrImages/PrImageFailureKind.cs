namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>Why a PR image script stopped, as its <c>failed</c> marker says (the wire name is the lower-case, dashed form).</summary>
public enum PrImageFailureKind
{
    /// <summary>The checkout variable is unset or names no folder: the image has no SGLang checkout there.</summary>
    NoCheckout,

    /// <summary>The image has no <c>git</c> on its <c>PATH</c>.</summary>
    NoGit,

    /// <summary>The folder is there but is not a git checkout (or git refuses it, e.g. owned by another user).</summary>
    NotARepository,

    /// <summary>The remote answered but has no such ref: the PR or branch does not exist.</summary>
    NoSuchRef,

    /// <summary>The remote could not be reached or refused (network, authentication, no such repository).</summary>
    Unreachable,

    /// <summary>The fetch of the ref failed.</summary>
    FetchFailed,

    /// <summary>The ref moved between the resolve and the update: a push landed meanwhile.</summary>
    Moved,

    /// <summary>git could not check the fetched commit out (a damaged or locked checkout).</summary>
    CheckoutFailed,
}
