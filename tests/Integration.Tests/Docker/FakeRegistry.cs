using System.Net;
using SglangCi.Tests.Shared;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// A registry on 127.0.0.1 (plain HTTP: Docker trusts loopback registries) that knows no image: <c>/v2/</c> answers 200,
/// every manifest 404 <c>MANIFEST_UNKNOWN</c>, as a real registry answers a tag that does not exist. Counts manifest requests.
/// </summary>
public sealed class FakeRegistry : LoopbackHttpServer
{
    private const string ManifestUnknown = """{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{}}]}""";
    private int _manifestRequests;

    public string Host => $"127.0.0.1:{Port}";

    public int ManifestRequests => Volatile.Read(ref _manifestRequests);

    protected override Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? "/";
        context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        if (path is "/v2/" or "/v2")
        {
            return WriteAsync(context.Response, 200, "{}");
        }

        if (path.Contains("/manifests/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _manifestRequests);
        }

        return WriteAsync(context.Response, 404, ManifestUnknown);
    }
}
