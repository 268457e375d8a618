using System.Net;
using System.Text;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Tests.Gsm8k;

/// <summary>Failed requests are counted and the first error is kept, so callers can tell a broken endpoint from a poor score.</summary>
public class Gsm8kEvaluatorFailureTests
{
    private static readonly Gsm8kItem[] Dataset =
    [
        new("What is 1 + 1?", "1 + 1 = 2\n#### 2"),
        new("What is 2 + 2?", "2 + 2 = 4\n#### 4"),
        new("What is 3 + 3?", "3 + 3 = 6\n#### 6"),
    ];

    [Fact]
    public async Task Every_request_failing_fills_Failed_and_FirstError()
    {
        using var http = new HttpClient(new StatusHandler(HttpStatusCode.InternalServerError, "engine exploded"));
        var result = await new Gsm8kEvaluator(http).RunAsync(Dataset, new Gsm8kOptions(new Uri("http://127.0.0.1:9/"), 3, 0, 1), null, CancellationToken.None);

        Assert.Equal(3, result.Failed);
        Assert.Equal(0, result.Accuracy);
        Assert.NotNull(result.FirstError);
        Assert.Contains("HTTP 500", result.FirstError);
        Assert.Contains("engine exploded", result.FirstError);
    }

    [Fact]
    public async Task No_failure_leaves_FirstError_null()
    {
        using var http = new HttpClient(new StatusHandler(HttpStatusCode.OK, """{"text": " The answer is 2.", "meta_info": {"completion_tokens": 5}}"""));
        var result = await new Gsm8kEvaluator(http).RunAsync(Dataset, new Gsm8kOptions(new Uri("http://127.0.0.1:9/"), 3, 0, 1), null, CancellationToken.None);

        Assert.Equal(0, result.Failed);
        Assert.Null(result.FirstError);
    }

    /// <summary>Answers every request with one status and body, no network involved.</summary>
    private sealed class StatusHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
