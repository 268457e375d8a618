using System.Net;
using SglangCi.Tests.Shared;

namespace SglangCi.Toolkit.Tests.Gsm8k;

/// <summary>
/// Serves one file, or 404, on loopback, so the dataset download can be tested without the internet. It counts
/// requests so tests can prove the cache avoided a download.
/// </summary>
/// <param name="body">Bytes to serve with 200, or null to answer 404.</param>
internal sealed class LoopbackFileServer(Func<byte[]?> body) : LoopbackHttpServer
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public Uri Url(string path) => new(BaseUrl, path);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        var response = context.Response;
        if (body() is not { } bytes)
        {
            response.StatusCode = 404;
            return;
        }

        response.StatusCode = 200;
        response.ContentType = "application/jsonl";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }
}
