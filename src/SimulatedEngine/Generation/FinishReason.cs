namespace SglangCi.SimulatedEngine.Generation;

/// <summary>Why a request stopped generating; the three cases SGLang reports.</summary>
internal enum FinishKind
{
    /// <summary>Reached its token limit.</summary>
    Length,

    /// <summary>Matched a stop string (or ended its answer naturally).</summary>
    Stop,

    /// <summary>Cancelled by the client or the server.</summary>
    Abort,
}

/// <summary>
/// A finished request's reason, with what both APIs need to render it: the OpenAI string
/// (<c>finish_reason</c>, <c>matched_stop</c>) and the native object (<c>{type, length|matched}</c>).
/// </summary>
internal sealed record FinishReason(FinishKind Kind, int Length, string? Matched)
{
    /// <summary>A request that stopped at its token limit.</summary>
    public static FinishReason ForLength(int length) => new(FinishKind.Length, length, null);

    /// <summary>A request that stopped on <paramref name="matched"/>.</summary>
    public static FinishReason ForStop(string matched) => new(FinishKind.Stop, 0, matched);

    /// <summary>The OpenAI <c>finish_reason</c> string.</summary>
    public string OpenAiName => Kind switch
    {
        FinishKind.Length => "length",
        FinishKind.Stop => "stop",
        _ => "abort",
    };
}
