using System.Net;
using System.Net.Sockets;

namespace SglangCi.Toolkit.Tests.Gsm8k;

/// <summary>
/// A loopback-only HTTP server (HttpListener) that serves one file, or a fixed status code, so the dataset download
/// can be tested without the internet. It counts requests so tests can prove the cache avoided a download.
/// </summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<byte[]?> _body;
    private readonly Task _loop;
    private int _requests;

    /// <param name="body">Bytes to serve with 200, or null to answer 404.</param>
    public LoopbackFileServer(Func<byte[]?> body)
    {
        _body = body;
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public int Requests => Volatile.Read(ref _requests);

    public Uri Url(string path) => new(BaseUrl, path);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener throws from GetContextAsync when stopped; that is the loop's normal end.
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
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            using var response = context.Response;
            var body = _body();
            if (body is null)
            {
                response.StatusCode = 404;
                continue;
            }

            response.StatusCode = 200;
            response.ContentType = "application/jsonl";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
