using System.Text;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

/// <summary>The shared byte-level SSE framing: lines split across reads, events larger than the buffer, a BOM, no text capture.</summary>
public class SseChunkStreamTests
{
    [Fact]
    public async Task Lines_split_across_one_byte_reads_are_framed_correctly()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFdata: {\"choices\":[{\"text\":\"é\"}]}\r\n\r\n: ping\n\ndata: {\"choices\":[{\"text\":\"x\"}]}\r\rdata: [DONE]");
        using var stream = new TrickleStream(bytes);

        var r = await CompletionStreamReader.ReadAsync(stream, new FakeClock(1).Read, CancellationToken.None);

        Assert.True(r.Success, r.Error);
        Assert.Equal("éx", r.GeneratedText);
        Assert.Equal(1, r.TtftSeconds);
        Assert.Equal([1.0], r.InterTokenLatencies);
        Assert.Equal(3, r.LatencySeconds);
    }

    [Fact]
    public async Task An_event_larger_than_the_read_buffer_is_read_whole()
    {
        var big = new string('a', SseChunkStream.ReadBufferBytes * 3);
        var bytes = Encoding.UTF8.GetBytes($"data: {{\"text\":\"{big}\",\"meta_info\":{{\"completion_tokens\":1}}}}\n\ndata: [DONE]\n\n");
        using var stream = new MemoryStream(bytes);

        var r = await NativeGenerateStreamReader.ReadAsync(stream, new FakeClock(1).Read, CancellationToken.None);

        Assert.True(r.Success, r.Error);
        Assert.Equal(big, r.GeneratedText);
        Assert.Equal(1, r.CompletionTokens);
    }

    [Fact]
    public async Task Without_text_capture_the_measurements_are_the_same_and_the_text_is_null()
    {
        var sse = "data: {\"text\":\" a\",\"meta_info\":{\"completion_tokens\":1}}\n\n"
            + "data: {\"text\":\" a b c\",\"meta_info\":{\"completion_tokens\":3}}\n\ndata: [DONE]\n\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(sse));

        var r = await NativeGenerateStreamReader.ReadAsync(stream, new FakeClock(0.1).Read, expectedOutputTokens: 3, captureText: false, CancellationToken.None);

        Assert.True(r.Success, r.Error);
        Assert.Null(r.GeneratedText);
        Assert.Equal(3, r.CompletionTokens);
        Assert.Equal([0.05, 0.05], r.InterTokenLatencies.Select(x => Math.Round(x, 9)));
    }

    [Fact]
    public async Task A_stream_cut_mid_line_fails_after_reading_what_arrived()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("data: {\"choices\":[{\"text\":\"a\"}]}\n\ndata: {\"choi"));

        var r = await CompletionStreamReader.ReadAsync(stream, new FakeClock(1).Read, CancellationToken.None);

        Assert.False(r.Success);
        Assert.Contains("Malformed stream chunk", r.Error, StringComparison.Ordinal);
        Assert.Equal(1, r.TtftSeconds);
    }

    /// <summary>Returns at most one byte per read, as a slow network might.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
