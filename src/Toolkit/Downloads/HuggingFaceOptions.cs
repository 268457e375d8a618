namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// Where and how to reach the Hugging Face Hub. Defaults follow <c>huggingface_hub</c>'s conventions
/// (<c>HF_ENDPOINT</c>, <c>HF_TOKEN</c>, revision <c>main</c>) so a node configured for <c>huggingface-cli</c> works
/// unchanged, and a mirror or a local test server is one setting away.
/// </summary>
public sealed record HuggingFaceOptions
{
    /// <summary>The public Hub.</summary>
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co/");

    /// <summary>The branch the old <c>huggingface-cli download</c> used.</summary>
    public const string DefaultRevision = "main";

    /// <summary>Environment variable that overrides the endpoint (the HF convention for mirrors).</summary>
    public const string EndpointVariable = "HF_ENDPOINT";

    /// <summary>Environment variable the token is read from by default.</summary>
    public const string DefaultTokenVariable = "HF_TOKEN";

    /// <summary>Root of the Hub (or a mirror).</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Branch, tag or commit used when a call names none.</summary>
    public string Revision { get; init; } = DefaultRevision;

    /// <summary>
    /// Name of the environment variable holding the access token (gated repos such as Llama need one). Only the name is
    /// configured, never the value, so the token cannot end up in a settings file, a log line or a grain's state.
    /// </summary>
    public string TokenVariable { get; init; } = DefaultTokenVariable;

    /// <summary>Give-up time for a read that delivers no byte at all (a stalled connection must not hang a night).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Defaults, with <c>HF_ENDPOINT</c> applied when set.</summary>
    public static HuggingFaceOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var endpoint = environment(EndpointVariable);
        return string.IsNullOrWhiteSpace(endpoint) ? new HuggingFaceOptions() : new HuggingFaceOptions { Endpoint = new Uri(endpoint, UriKind.Absolute) };
    }
}
