using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Gsm8k;

/// <summary>Options of <c>sglang-ci gsm8k</c>, named and defaulted as SGLang's <c>bench_sglang.py</c>.</summary>
public sealed class Gsm8kSettings : CommandSettings
{
    [CommandOption("--base-url <URL>")]
    [Description("Root of the SGLang server, e.g. http://127.0.0.1:30000.")]
    public string? BaseUrl { get; set; }

    [CommandOption("--num-questions <N>")]
    [Description("Questions to evaluate, from the head of the test set.")]
    [DefaultValue(200)]
    public int NumQuestions { get; set; } = 200;

    [CommandOption("--num-shots <N>")]
    [Description("Few-shot examples in each prompt.")]
    [DefaultValue(5)]
    public int NumShots { get; set; } = 5;

    [CommandOption("--parallel <P>")]
    [Description("Requests in flight.")]
    [DefaultValue(64)]
    public int Parallel { get; set; } = 64;

    [CommandOption("--data <FILE>")]
    [Description("A local test.jsonl (not hash-checked; default SGLCI_GSM8K_PATH); otherwise the cache under ~/.cache/sglang-ci (or SGLCI_DATA_DIR), downloaded and sha256-checked if missing.")]
    public string? Data { get; set; }

    [CommandOption("--max-new-tokens <N>")]
    [Description("Generation limit per question.")]
    [DefaultValue(512)]
    public int MaxNewTokens { get; set; } = 512;

    [CommandOption("--json")]
    [Description("Print { accuracy, invalid, latencyS, outputThroughput, questions, failed } on stdout instead of the four result lines.")]
    public bool Json { get; set; }

    public Uri Url => new(BaseUrl!, UriKind.Absolute);

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            return ValidationResult.Error("--base-url is required.");
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return ValidationResult.Error($"--base-url '{BaseUrl}' is not an http(s) URL.");
        }

        if (NumQuestions < 1 || NumShots < 0 || Parallel < 1 || MaxNewTokens < 1)
        {
            return ValidationResult.Error("--num-questions, --parallel and --max-new-tokens must be at least 1; --num-shots at least 0.");
        }

        if (Data is not null && !File.Exists(Data))
        {
            return ValidationResult.Error($"--data '{Data}' does not exist.");
        }

        return ValidationResult.Success();
    }
}
