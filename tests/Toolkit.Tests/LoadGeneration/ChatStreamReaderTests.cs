using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

/// <summary>The chat completions stream: new text in choices[0].delta.content, a role-only first chunk, a usage chunk.</summary>
public class ChatStreamReaderTests
{
    [Fact]
    public async Task Delta_content_is_text_and_the_role_chunk_is_not_a_token()
    {
        const string sse = """
            data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

            data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" Hello"}}]}

            data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" world"},"finish_reason":null}]}

            data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}

            data: {"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}

            data: [DONE]

            """;
        var clock = new FakeClock(0.1);

        var r = await CompletionStreamReader.ReadAsync(new StringReader(sse), clock.Read, CancellationToken.None);

        Assert.True(r.Success, r.Error);
        Assert.Equal(0.2, r.TtftSeconds!.Value, 9);
        Assert.Equal([0.1], r.InterTokenLatencies.Select(x => Math.Round(x, 9)));
        Assert.Equal(2, r.CompletionTokens);
        Assert.Equal(" Hello world", r.GeneratedText);
        Assert.Equal(0.6, r.LatencySeconds, 9);
    }

    [Fact]
    public async Task Null_content_is_ignored()
    {
        const string sse = "data: {\"choices\":[{\"delta\":{\"content\":null}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\ndata: [DONE]\n\n";

        var r = await CompletionStreamReader.ReadAsync(new StringReader(sse), new FakeClock(1).Read, CancellationToken.None);

        Assert.True(r.Success, r.Error);
        Assert.Equal(2, r.TtftSeconds);
        Assert.Empty(r.InterTokenLatencies);
    }
}
