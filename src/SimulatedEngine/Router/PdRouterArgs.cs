namespace SglangCi.SimulatedEngine.Router;

/// <summary>
/// The part of <c>python3 -m sglang_router.launch_router</c>'s command line the simulated router needs:
/// <c>--pd-disaggregation --prefill URL [BOOTSTRAP_PORT] --decode URL</c> (either <c>--flag value</c> or <c>--flag=value</c>).
/// Other flags (<c>--host</c>, <c>--port</c>, policies) are the runtime's business or not modelled.
/// </summary>
/// <param name="Prefill">The prefill server; the router checks its health.</param>
/// <param name="Decode">The decode server; the router forwards every request to it.</param>
public sealed record PdRouterArgs(Uri Prefill, Uri Decode)
{
    public const string PdFlag = "--pd-disaggregation";

    /// <summary>The router's backends, or null when the arguments are not a PD router's (no <c>--pd-disaggregation</c>);
    /// throws <see cref="ArgumentException"/> for a PD router without a valid <c>--prefill</c> or <c>--decode</c> URL.</summary>
    public static PdRouterArgs? TryParse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!args.Contains(PdFlag))
        {
            return null;
        }

        return new PdRouterArgs(UrlOf(args, "--prefill"), UrlOf(args, "--decode"));
    }

    private static Uri UrlOf(IReadOnlyList<string> args, string flag)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var text = args[i] == flag && i + 1 < args.Count ? args[i + 1]
                : args[i].StartsWith(flag + "=", StringComparison.Ordinal) ? args[i][(flag.Length + 1)..]
                : null;
            if (text is null)
            {
                continue;
            }

            return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? url
                : throw new ArgumentException($"PD router {flag} '{text}' is not an http(s) URL");
        }

        throw new ArgumentException($"a PD router ({PdFlag}) needs {flag} URL");
    }
}
