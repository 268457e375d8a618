using System.Text.Json;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

/// <summary>The payloads bench_serving sends per backend.</summary>
public class BackendRequestBodyTests
{
    private static readonly BenchmarkRequest Request = new("a b c", 3, 17);

    [Fact]
    public void Native_body_has_text_sampling_params_and_stream()
    {
        using var doc = JsonDocument.Parse(CompletionRequestClient.BuildBody(BenchmarkBackend.Sglang, "ignored", Request, ignoreEos: true));
        var root = doc.RootElement;

        Assert.Equal("a b c", root.GetProperty("text").GetString());
        var sampling = root.GetProperty("sampling_params");
        Assert.Equal(17, sampling.GetProperty("max_new_tokens").GetInt32());
        Assert.Equal(0, sampling.GetProperty("temperature").GetDouble());
        Assert.True(sampling.GetProperty("ignore_eos").GetBoolean());
        Assert.True(root.GetProperty("stream").GetBoolean());
        Assert.False(root.TryGetProperty("model", out _));
        Assert.False(root.TryGetProperty("prompt", out _));
    }

    [Fact]
    public void Chat_body_has_one_user_message_and_asks_for_usage()
    {
        using var doc = JsonDocument.Parse(CompletionRequestClient.BuildBody(BenchmarkBackend.OpenAiChat, "m", Request, ignoreEos: false));
        var root = doc.RootElement;

        Assert.Equal("m", root.GetProperty("model").GetString());
        var messages = root.GetProperty("messages");
        Assert.Equal(1, messages.GetArrayLength());
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Equal("a b c", messages[0].GetProperty("content").GetString());
        Assert.Equal(17, root.GetProperty("max_tokens").GetInt32());
        Assert.False(root.GetProperty("ignore_eos").GetBoolean());
        Assert.True(root.GetProperty("stream").GetBoolean());
        Assert.True(root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public void OpenAi_is_the_default_backend_and_keeps_the_completions_body()
    {
        var options = new LoadGeneratorOptions(new Uri("http://x"), null, 1, 1, 1, 1, double.PositiveInfinity, null);

        Assert.Equal(BenchmarkBackend.OpenAi, options.Backend);
        Assert.Equal(default, options.Backend);
        Assert.Equal(
            CompletionRequestClient.BuildBody("m", Request, true),
            CompletionRequestClient.BuildBody(BenchmarkBackend.OpenAi, "m", Request, true));
    }

    [Theory]
    [InlineData("sglang", BenchmarkBackend.Sglang, "generate", "sglang")]
    [InlineData("sglang-native", BenchmarkBackend.Sglang, "generate", "sglang")]
    [InlineData("openai", BenchmarkBackend.OpenAi, "v1/completions", "sglang-oai")]
    [InlineData("sglang-oai", BenchmarkBackend.OpenAi, "v1/completions", "sglang-oai")]
    [InlineData("OpenAI-Chat", BenchmarkBackend.OpenAiChat, "v1/chat/completions", "sglang-oai-chat")]
    public void Backend_names_paths_and_bench_serving_names(string text, BenchmarkBackend expected, string path, string benchName)
    {
        Assert.True(BenchmarkBackends.TryParse(text, out var backend));
        Assert.Equal(expected, backend);
        Assert.Equal(path, BenchmarkBackends.Path(backend));
        Assert.Equal(benchName, BenchmarkBackends.BenchServingName(backend));
    }

    [Fact]
    public void Unknown_backend_is_rejected()
    {
        Assert.False(BenchmarkBackends.TryParse("vllm", out _));
        Assert.False(BenchmarkBackends.TryParse(null, out _));
    }
}
