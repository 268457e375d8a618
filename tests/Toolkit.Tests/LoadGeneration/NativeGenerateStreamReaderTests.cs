using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

/// <summary>The native /generate stream: cumulative text, running completion_tokens, ITL divided per token.</summary>
public class NativeGenerateStreamReaderTests
{
    private static Task<CompletionStreamResult> Read(string sse, FakeClock clock) =>
        NativeGenerateStreamReader.ReadAsync(new StringReader(sse), clock.Read, CancellationToken.None);

    private static string Chunk(string text, int tokens) =>
        $$$"""data: {"text":"{{{text}}}","meta_info":{"id":"x","finish_reason":null,"prompt_tokens":3,"completion_tokens":{{{tokens}}}}}""" + "\n\n";

    [Fact]
    public async Task One_token_per_chunk_gives_one_itl_per_gap()
    {
        var sse = Chunk(" a", 1) + Chunk(" a b", 2) + Chunk(" a b c", 3) + "data: [DONE]\n\n";
        var clock = new FakeClock(0.1);

        var r = await Read(sse, clock);

        Assert.True(r.Success, r.Error);
        Assert.Equal(0.1, r.TtftSeconds!.Value, 9);
        Assert.Equal(2, r.InterTokenLatencies.Count);
        Assert.All(r.InterTokenLatencies, gap => Assert.Equal(0.1, gap, 9));
        Assert.Equal(3, r.CompletionTokens);
        Assert.Equal(" a b c", r.GeneratedText); // cumulative: the last chunk's text, not a concatenation
        Assert.Equal(0.4, r.LatencySeconds, 9);  // [DONE] is the 4th data line
    }

    [Fact]
    public async Task A_chunk_of_several_tokens_splits_its_gap_evenly()
    {
        // 0.1: first token; 0.2: +3 tokens → three entries of 0.1/3; 0.3: +1 token → 0.1.
        var sse = Chunk(" a", 1) + Chunk(" a b c d", 4) + Chunk(" a b c d e", 5) + "data: [DONE]\n\n";

        var r = await Read(sse, new FakeClock(0.1));

        Assert.True(r.Success, r.Error);
        Assert.Equal(4, r.InterTokenLatencies.Count); // output_len − 1 entries, as bench_serving's sglang backend
        Assert.Equal(0.1 / 3, r.InterTokenLatencies[0], 9);
        Assert.Equal(0.1 / 3, r.InterTokenLatencies[1], 9);
        Assert.Equal(0.1 / 3, r.InterTokenLatencies[2], 9);
        Assert.Equal(0.1, r.InterTokenLatencies[3], 9);
        Assert.Equal(5, r.CompletionTokens);
    }

    [Fact]
    public async Task A_chunk_without_new_tokens_is_skipped_and_keeps_the_reference_time()
    {
        // 0.1 first; 0.2 same count (skipped, reference stays 0.1); 0.3 +1 → gap 0.2.
        var sse = Chunk(" a", 1) + Chunk(" a", 1) + Chunk(" a b", 2) + "data: [DONE]\n\n";

        var r = await Read(sse, new FakeClock(0.1));

        Assert.True(r.Success, r.Error);
        Assert.Equal([0.2], r.InterTokenLatencies.Select(x => Math.Round(x, 9)));
    }

    [Fact]
    public async Task Ttft_is_the_first_chunk_with_non_empty_text()
    {
        var sse = Chunk("", 0) + Chunk(" a", 1) + Chunk(" a b", 2) + "data: [DONE]\n\n";

        var r = await Read(sse, new FakeClock(0.1));

        Assert.Equal(0.2, r.TtftSeconds!.Value, 9);
        Assert.Equal([0.1], r.InterTokenLatencies.Select(x => Math.Round(x, 9)));
    }

    [Fact]
    public async Task Error_chunk_fails_the_request_with_its_message()
    {
        var sse = Chunk(" a", 1) + "data: {\"error\":{\"message\":\"out of memory\"}}\n\ndata: [DONE]\n\n";

        var r = await Read(sse, new FakeClock(0.1));

        Assert.False(r.Success);
        Assert.Contains("out of memory", r.Error);
    }

    [Fact]
    public async Task Stream_without_done_fails()
    {
        var r = await Read(Chunk(" a", 1), new FakeClock(0.1));

        Assert.False(r.Success);
        Assert.Contains("[DONE]", r.Error);
    }

    [Fact]
    public async Task Malformed_chunk_fails_naming_it()
    {
        var r = await Read("data: {not json\n\n", new FakeClock(0.1));

        Assert.False(r.Success);
        Assert.Contains("Malformed stream chunk", r.Error);
    }
}
