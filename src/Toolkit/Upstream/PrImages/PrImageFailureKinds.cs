namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>The wire names of <see cref="PrImageFailureKind"/> (what the scripts print) and what each means, in words.</summary>
public static class PrImageFailureKinds
{
    public static string WireName(this PrImageFailureKind kind) => kind switch
    {
        PrImageFailureKind.NoCheckout => "no-checkout",
        PrImageFailureKind.NoGit => "no-git",
        PrImageFailureKind.NotARepository => "not-a-repository",
        PrImageFailureKind.NoSuchRef => "no-such-ref",
        PrImageFailureKind.Unreachable => "unreachable",
        PrImageFailureKind.FetchFailed => "fetch-failed",
        PrImageFailureKind.Moved => "moved",
        PrImageFailureKind.CheckoutFailed => "checkout-failed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown PR image failure"),
    };

    /// <summary>The kind a script's <c>failed</c> marker names; null for a name this build does not know.</summary>
    public static PrImageFailureKind? Parse(string? wireName) =>
        Enum.GetValues<PrImageFailureKind>().Cast<PrImageFailureKind?>().FirstOrDefault(k => k!.Value.WireName() == wireName?.Trim());
}
