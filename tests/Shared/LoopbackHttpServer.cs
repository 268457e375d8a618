using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SglangCi.Tests.Shared;

/// <summary>
/// A plain HTTP server on 127.0.0.1 for tests that stand in for a service this machine cannot reach (a registry, the
/// Hugging Face Hub, a dataset URL): it listens on a free port from construction to disposal and hands each request to
/// <see cref="HandleAsync"/>, which answers it; the response is closed afterwards unless the handler did so itself.
/// Linked into every test project (one source, no copies).
/// </summary>
public abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly bool _concurrent;
    private readonly Task _serving;

    /// <param name="concurrent">Answer requests in parallel (a client that downloads several files at once), rather
    /// than one after the other.</param>
    protected LoopbackHttpServer(bool concurrent = false)
    {
        _concurrent = concurrent;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    public void Dispose()
    {
        // Close alone: after a Stop, the managed HttpListener's Close removes the prefix again and, to do so, binds the
        // port once more — by then another test may hold it, and Close throws "Address already in use" (seen in CI).
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The port is someone else's now; nothing of this server is left to release.
        }

        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped while waiting for a request: the loop's normal end.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Answers one request.</summary>
    protected abstract Task HandleAsync(HttpListenerContext context);

    protected static async Task WriteAsync(HttpListenerResponse response, int status, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
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

            if (_concurrent)
            {
                _ = Task.Run(() => AnswerAsync(context));
            }
            else
            {
                await AnswerAsync(context);
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            await HandleAsync(context);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away, or the handler closed or aborted the response itself.
        }
    }
}
