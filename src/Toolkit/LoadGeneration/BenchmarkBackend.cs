namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Which server API a run drives, as bench_serving's <c>--backend</c> picks it. <see cref="OpenAi"/> is the
/// default value (0) so existing callers that never set a backend keep sending <c>/v1/completions</c>.
/// </summary>
public enum BenchmarkBackend
{
    /// <summary><c>/v1/completions</c> (bench_serving's <c>sglang-oai</c>): each chunk's <c>choices[0].text</c> is new text.</summary>
    OpenAi = 0,

    /// <summary>SGLang's native <c>/generate</c> (bench_serving's <c>sglang</c>): each chunk's <c>text</c> is cumulative.</summary>
    Sglang = 1,

    /// <summary><c>/v1/chat/completions</c> (bench_serving's <c>sglang-oai-chat</c>): each chunk's <c>delta.content</c> is new text.</summary>
    OpenAiChat = 2,
}

/// <summary>Names and paths of the backends.</summary>
public static class BenchmarkBackends
{
    /// <summary>The path each backend POSTs to.</summary>
    public static string Path(BenchmarkBackend backend) => backend switch
    {
        BenchmarkBackend.Sglang => "generate",
        BenchmarkBackend.OpenAiChat => "v1/chat/completions",
        _ => "v1/completions",
    };

    /// <summary>The name bench_serving prints (<c>Backend:</c>) and writes (<c>"backend"</c>) for this backend.</summary>
    public static string BenchServingName(BenchmarkBackend backend) => backend switch
    {
        BenchmarkBackend.Sglang => "sglang",
        BenchmarkBackend.OpenAiChat => "sglang-oai-chat",
        _ => "sglang-oai",
    };

    /// <summary>The CLI spelling (<c>sglang</c>, <c>openai</c>, <c>openai-chat</c>).</summary>
    public static string CliName(BenchmarkBackend backend) => backend switch
    {
        BenchmarkBackend.Sglang => "sglang",
        BenchmarkBackend.OpenAiChat => "openai-chat",
        _ => "openai",
    };

    /// <summary>Parses a CLI spelling; bench_serving's own names (<c>sglang-native</c>, <c>sglang-oai</c>, <c>sglang-oai-chat</c>) are accepted too.</summary>
    public static bool TryParse(string? text, out BenchmarkBackend backend)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "sglang" or "sglang-native":
                backend = BenchmarkBackend.Sglang;
                return true;
            case "openai" or "sglang-oai":
                backend = BenchmarkBackend.OpenAi;
                return true;
            case "openai-chat" or "sglang-oai-chat":
                backend = BenchmarkBackend.OpenAiChat;
                return true;
            default:
                backend = BenchmarkBackend.OpenAi;
                return false;
        }
    }
}
