using System.Text.Json;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

public class CompletionRequestBodyTests
{
    [Fact]
    public void Body_HasBenchServingFields()
    {
        var body = CompletionRequestClient.BuildBody("my-model", new BenchmarkRequest("a b c", 3, 17), ignoreEos: true);

        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal("my-model", root.GetProperty("model").GetString());
        Assert.Equal("a b c", root.GetProperty("prompt").GetString());
        Assert.Equal(17, root.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0, root.GetProperty("temperature").GetDouble());
        Assert.True(root.GetProperty("ignore_eos").GetBoolean());
        Assert.True(root.GetProperty("stream").GetBoolean());
        Assert.True(root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public void ServedModel_FirstIdOfModelsList()
    {
        Assert.Equal("deepseek", ServedModelResolver.ParseFirstModelId("""{"object":"list","data":[{"id":"deepseek","object":"model"},{"id":"other"}]}"""));
        Assert.Null(ServedModelResolver.ParseFirstModelId("""{"data":[]}"""));
        Assert.Null(ServedModelResolver.ParseFirstModelId("not json"));
    }
}
