using System.Net;
using System.Text;
using SglangCi.Integration.Tests.EndToEnd;

namespace SglangCi.Integration.Tests.Infrastructure;

/// <summary>
/// A plain HTTP server on 127.0.0.1 for tests that stand in for a service this machine cannot reach (a registry, a
/// hub): it listens on a free port from construction to disposal and hands each request to <see cref="HandleAsync"/>.
/// Subclasses only say how to answer.
/// </summary>
public abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    protected LoopbackHttpServer()
    {
        Port = FreePorts.Take(1)[0];
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

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

        GC.SuppressFinalize(this);
    }

    /// <summary>Answers one request; the response is closed afterwards.</summary>
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

            using var response = context.Response;
            await HandleAsync(context);
        }
    }
}
