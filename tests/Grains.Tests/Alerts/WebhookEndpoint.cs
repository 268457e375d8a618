using System.Collections.Concurrent;
using System.Net;
using SglangCi.Tests.Shared;

namespace SglangCi.Grains.Tests.Alerts;

/// <summary>
/// A local webhook that answers each request as <c>answer</c> says for its number (1-based) and records every body
/// with the status it got, so a test can count what was accepted and in which order.
/// </summary>
internal sealed class WebhookEndpoint(Func<int, (int Status, string Body)> answer) : LoopbackHttpServer
{
    private int _requests;

    /// <summary>Where channels post: the path stands for the token a real webhook URL carries.</summary>
    public string Url => new Uri(BaseUrl, "hooks/s3cr3t-t0ken/IncomingWebhook").AbsoluteUri;

    public ConcurrentQueue<(string Body, int Status)> Received { get; } = new();

    /// <summary>The bodies answered with a 2xx, in arrival order.</summary>
    public IReadOnlyList<string> Accepted() => Received.Where(r => r.Status is >= 200 and < 300).Select(r => r.Body).ToList();

    public static WebhookEndpoint Answering(int status, string body) => new(_ => (status, body));

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.InputStream))
        {
            body = await reader.ReadToEndAsync();
        }

        var (status, text) = answer(Interlocked.Increment(ref _requests));
        Received.Enqueue((body, status));
        await WriteAsync(context.Response, status, text, "text/plain");
    }
}
