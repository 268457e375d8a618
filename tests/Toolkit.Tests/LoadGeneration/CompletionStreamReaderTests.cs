using System.Text;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

public class CompletionStreamReaderTests
{
    private static Task<CompletionStreamResult> Read(string sse, FakeClock clock) =>
        CompletionStreamReader.ReadAsync(new StringReader(sse), clock.Read, CancellationToken.None);

    [Fact]
    public async Task NormalStream_WithEmptyChunksAndUsageChunk()
    {
        // The clock advances 0.1 s per data line; blank lines and SSE comments are not data lines.
        const string sse = """
            data: {"choices":[{"index":0,"text":""}]}

            data: {"choices":[{"index":0,"text":"Hello"}]}

            data: {"choices":[{"index":0,"text":" world"}]}

            : keep-alive

            data: {"choices":[{"index":0,"text":""}]}

            data: {"choices":[{"index":0,"text":"!"}]}

            data: {"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}

            data: [DONE]

            """;
        var clock = new FakeClock(0.1);

        var r = await Read(sse, clock);

        Assert.True(r.Success, r.Error);
        Assert.Null(r.Error);
        Assert.Equal(0.2, r.TtftSeconds!.Value, 9);        // first non-empty text is the 2nd data line
        Assert.Equal(2, r.InterTokenLatencies.Count);      // " world" at 0.3, "!" at 0.5 (the empty chunk at 0.4 is skipped)
        Assert.Equal(0.1, r.InterTokenLatencies[0], 9);
        Assert.Equal(0.2, r.InterTokenLatencies[1], 9);
        Assert.Equal(0.7, r.LatencySeconds, 9);            // [DONE] is the 7th data line
        Assert.Equal(3, r.CompletionTokens);               // from the usage-only chunk, which did not fail the request
        Assert.Equal("Hello world!", r.GeneratedText);
        Assert.Equal(7, clock.Reads);
    }

    [Fact]
    public async Task NoUsage_LeavesCompletionTokensNull()
    {
        const string sse = "data: {\"choices\":[{\"text\":\"a\"}]}\n\ndata: {\"choices\":[{\"text\":\"b\"}]}\n\ndata: [DONE]\n\n";

        var r = await Read(sse, new FakeClock(1));

        Assert.True(r.Success);
        Assert.Null(r.CompletionTokens);
        Assert.Equal(1, r.TtftSeconds);
        Assert.Equal([1.0], r.InterTokenLatencies);
        Assert.Equal(3, r.LatencySeconds);
    }

    [Fact]
    public async Task ErrorChunk_FailsWithServerMessage()
    {
        const string sse = """
            data: {"choices":[{"text":"partial"}]}

            data: {"error":{"message":"CUDA out of memory","type":"InternalServerError","code":500}}

            data: [DONE]

            """;
        var clock = new FakeClock(0.5);

        var r = await Read(sse, clock);

        Assert.False(r.Success);
        Assert.Contains("CUDA out of memory", r.Error, StringComparison.Ordinal);
        Assert.Equal(1.0, r.LatencySeconds);
        Assert.Equal(2, clock.Reads); // stops at the error chunk
    }

    [Fact]
    public async Task StreamWithoutDone_Fails()
    {
        var r = await Read("data: {\"choices\":[{\"text\":\"a\"}]}\n\n", new FakeClock(1));

        Assert.False(r.Success);
        Assert.Contains("[DONE]", r.Error, StringComparison.Ordinal);
        Assert.Equal(1, r.TtftSeconds);
    }

    [Fact]
    public async Task MalformedChunk_FailsNamingIt()
    {
        var r = await Read("data: {not json\n\ndata: [DONE]\n", new FakeClock(1));

        Assert.False(r.Success);
        Assert.Contains("{not json", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyEmptyText_SucceedsWithoutTtft()
    {
        var r = await Read("data: {\"choices\":[{\"text\":\"\"}]}\n\ndata: [DONE]\n\n", new FakeClock(1));

        Assert.True(r.Success);
        Assert.Null(r.TtftSeconds);
        Assert.Empty(r.InterTokenLatencies);
        Assert.Equal(string.Empty, r.GeneratedText);
    }

    [Fact]
    public async Task ByteStream_CrLfAndNoSpaceAfterColon_AreAccepted()
    {
        var bytes = Encoding.UTF8.GetBytes("data:{\"choices\":[{\"text\":\"é\"}]}\r\n\r\ndata: [DONE]\r\n\r\n");
        using var stream = new MemoryStream(bytes);

        var r = await CompletionStreamReader.ReadAsync(stream, new FakeClock(1).Read, CancellationToken.None);

        Assert.True(r.Success, r.Error);
        Assert.Equal("é", r.GeneratedText);
        Assert.Equal(2, r.LatencySeconds);
    }

    [Fact]
    public async Task Cancellation_Propagates()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CompletionStreamReader.ReadAsync(new StringReader("data: [DONE]\n"), () => 0, cts.Token));
    }
}
