using System.Net;
using System.Text;
using SglangCi.Integration.Tests.EndToEnd;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// A registry on 127.0.0.1 (plain HTTP: Docker trusts loopback registries) that knows no image: <c>/v2/</c> answers 200,
/// every manifest 404 <c>MANIFEST_UNKNOWN</c>, as a real registry answers a tag that does not exist. Counts manifest requests.
/// </summary>
public sealed class FakeRegistry : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private int _manifestRequests;

    public FakeRegistry()
    {
        Port = FreePorts.Take(1)[0];
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public int ManifestRequests => Volatile.Read(ref _manifestRequests);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped while waiting for a request.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url?.AbsolutePath ?? "/";
            var response = context.Response;
            response.ContentType = "application/json";
            response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            string body;
            if (path is "/v2/" or "/v2")
            {
                body = "{}";
            }
            else
            {
                if (path.Contains("/manifests/", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _manifestRequests);
                }

                response.StatusCode = 404;
                body = """{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{}}]}""";
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
    }
}
