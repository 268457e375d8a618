namespace SglangCi.Toolkit.Http;

/// <summary>
/// Says which limit ended a request: our per-request timeout, or the <see cref="HttpClient.Timeout"/> of the client
/// the caller passed in (100 s by default, which long prefill queues exceed). Naming the wrong one sends people
/// to the wrong setting.
/// </summary>
internal static class TimeoutMessage
{
    public static string Describe(bool ownTimeoutFired, TimeSpan requestTimeout, TimeSpan clientTimeout, Uri url) =>
        ownTimeoutFired
            ? $"Timed out after {requestTimeout.TotalSeconds:0.#} s waiting for {url}."
            : $"The HttpClient's own Timeout ({clientTimeout.TotalSeconds:0.#} s) expired waiting for {url}; give the client an infinite Timeout and rely on the request timeout.";
}
