using System.ComponentModel;
using System.Globalization;
using SglangCi.Toolkit.LoadGeneration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Bench;

/// <summary>
/// Options of <c>bench serve</c>, named and defaulted as <c>python -m sglang.bench_serving</c> names them, except
/// <c>--dataset</c> (bench_serving's <c>--dataset-name</c>), whose default here is <c>random</c> because the
/// others need a local file.
/// </summary>
public sealed class BenchServeSettings : CommandSettings
{
    public static readonly IReadOnlyList<string> Datasets = ["random", "sharegpt", "prompts"];

    [CommandOption("--base-url <URL>")]
    [Description("Server root, e.g. http://127.0.0.1:30000. Required.")]
    public string? BaseUrl { get; set; }

    [CommandOption("--backend <BACKEND>")]
    [Description("[green]sglang[/] (native /generate), [green]openai[/] (/v1/completions) or [green]openai-chat[/] (/v1/chat/completions).")]
    [DefaultValue("sglang")]
    public string Backend { get; set; } = "sglang";

    [CommandOption("--model <NAME>")]
    [Description("Model name sent to the OpenAI endpoints; omit to use the first entry of /v1/models.")]
    public string? Model { get; set; }

    [CommandOption("--dataset <NAME>")]
    [Description("[green]random[/], [green]sharegpt[/] (a local ShareGPT JSON file) or [green]prompts[/] (a local JSONL of prompts).")]
    [DefaultValue("random")]
    public string Dataset { get; set; } = "random";

    [CommandOption("--dataset-path <FILE>")]
    [Description("The file of --dataset sharegpt or prompts.")]
    public string? DatasetPath { get; set; }

    [CommandOption("--sharegpt-output-len <N>")]
    [Description("Fixed output length for sharegpt; default: the length of each conversation's reply.")]
    public int? ShareGptOutputLen { get; set; }

    [CommandOption("--random-input-len <N>")]
    [Description("Input length of the random dataset (tokens = words on the simulator).")]
    [DefaultValue(1024)]
    public int RandomInputLen { get; set; } = 1024;

    [CommandOption("--random-output-len <N>")]
    [Description("Output length of the random dataset; also the default output length of --dataset prompts.")]
    [DefaultValue(1024)]
    public int RandomOutputLen { get; set; } = 1024;

    [CommandOption("--random-range-ratio <R>")]
    [Description("Lengths are drawn uniformly from [[max(int(L*R),1), L]]; 1 fixes them.")]
    [DefaultValue(0.0)]
    public double RandomRangeRatio { get; set; }

    [CommandOption("--num-prompts <N>")]
    [Description("Number of requests.")]
    [DefaultValue(1000)]
    public int NumPrompts { get; set; } = 1000;

    [CommandOption("--request-rate <R>")]
    [Description("Requests per second with Poisson arrivals, or [green]inf[/] to send all at once.")]
    [DefaultValue("inf")]
    public string RequestRate { get; set; } = "inf";

    [CommandOption("--max-concurrency <C>")]
    [Description("Cap on requests in flight; default: no cap.")]
    public int? MaxConcurrency { get; set; }

    [CommandOption("--seed <S>")]
    [Description("Seed of the dataset sampling and the arrival times.")]
    [DefaultValue(1)]
    public int Seed { get; set; } = 1;

    [CommandOption("--warmup-requests <N>")]
    [Description("Warm-up requests before the timed run.")]
    [DefaultValue(1)]
    public int WarmupRequests { get; set; } = 1;

    [CommandOption("--disable-ignore-eos")]
    [Description("Let the model stop at EOS (ignore_eos is on by default, as in bench_serving).")]
    public bool DisableIgnoreEos { get; set; }

    [CommandOption("--goodput <SLO>")]
    [Description("Latency SLOs in ms for goodput, KEY:VALUE with KEY ttft, tpot or e2el; repeat the option or quote several: --goodput \"ttft:2000 tpot:200\".")]
    public string[] Goodput { get; set; } = [];

    /// <summary>
    /// Tokens after the options. Spectre gives an option one value per occurrence, so vLLM's
    /// <c>--goodput ttft:2000 tpot:200</c> leaves <c>tpot:200</c> here; SLO-looking tokens are taken as more
    /// <c>--goodput</c> values, anything else is an error.
    /// </summary>
    [CommandArgument(0, "[GOODPUT_SLOS]")]
    [Description("More KEY:VALUE SLOs following --goodput, as in vLLM's --goodput ttft:2000 tpot:200.")]
    public string[] ExtraGoodput { get; set; } = [];

    [CommandOption("--output-file <FILE>")]
    [Description("Append bench_serving's JSONL record to this file.")]
    public string? OutputFile { get; set; }

    [CommandOption("--request-timeout <SECONDS>")]
    [Description("Per-request timeout.")]
    [DefaultValue(1800)]
    public int RequestTimeoutSeconds { get; set; } = 1800;

    [CommandOption("--json")]
    [Description("Print our JSON on stdout instead of the text summary, and no progress bar.")]
    public bool Json { get; set; }

    public override ValidationResult Validate()
    {
        var error = Check();
        return error is null ? ValidationResult.Success() : ValidationResult.Error(error);
    }

    public Uri ParsedBaseUrl => new(BaseUrl!, UriKind.Absolute);

    public BenchmarkBackend ParsedBackend => BenchmarkBackends.TryParse(Backend, out var backend) ? backend : BenchmarkBackend.Sglang;

    public double ParsedRequestRate => ParseRate(RequestRate) ?? double.PositiveInfinity;

    public GoodputSlos? ParsedGoodput => Goodput.Length + ExtraGoodput.Length == 0 ? null : GoodputSlos.Parse(Goodput.Concat(ExtraGoodput));

    /// <summary><c>inf</c> (any case, or <c>infinity</c>) or a positive number; null when neither.</summary>
    public static double? ParseRate(string text)
    {
        var t = text.Trim();
        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && double.IsFinite(rate) && rate > 0 ? rate : null;
    }

    private string? Check()
    {
        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            return "--base-url is required (e.g. --base-url http://127.0.0.1:30000)";
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"--base-url must be an absolute http(s) URL; got '{BaseUrl}'";
        }

        if (!BenchmarkBackends.TryParse(Backend, out _))
        {
            return $"--backend must be one of: sglang, openai, openai-chat; got '{Backend}'";
        }

        var dataset = Dataset.Trim().ToLowerInvariant();
        if (!Datasets.Contains(dataset))
        {
            return $"--dataset must be one of: {string.Join(", ", Datasets)}; got '{Dataset}'";
        }

        if (dataset != "random")
        {
            if (string.IsNullOrWhiteSpace(DatasetPath))
            {
                return $"--dataset-path is required with --dataset {dataset}";
            }

            if (!File.Exists(DatasetPath))
            {
                return $"--dataset-path: no such file '{DatasetPath}'";
            }
        }

        if (ShareGptOutputLen is < 1)
        {
            return $"--sharegpt-output-len must be at least 1; got {ShareGptOutputLen}";
        }

        if (RandomInputLen < 1)
        {
            return $"--random-input-len must be at least 1; got {RandomInputLen}";
        }

        if (RandomOutputLen < 1)
        {
            return $"--random-output-len must be at least 1; got {RandomOutputLen}";
        }

        if (double.IsNaN(RandomRangeRatio) || RandomRangeRatio < 0 || RandomRangeRatio > 1)
        {
            return $"--random-range-ratio must be between 0 and 1; got {RandomRangeRatio.ToString(CultureInfo.InvariantCulture)}";
        }

        if (NumPrompts < 1)
        {
            return $"--num-prompts must be at least 1; got {NumPrompts}";
        }

        if (ParseRate(RequestRate) is null)
        {
            return $"--request-rate must be a positive number or inf; got '{RequestRate}'";
        }

        if (MaxConcurrency is < 1)
        {
            return $"--max-concurrency must be at least 1; got {MaxConcurrency}";
        }

        if (WarmupRequests < 0)
        {
            return $"--warmup-requests must not be negative; got {WarmupRequests}";
        }

        if (RequestTimeoutSeconds < 1)
        {
            return $"--request-timeout must be at least 1 second; got {RequestTimeoutSeconds}";
        }

        if (ExtraGoodput.Length > 0 && Goodput.Length == 0)
        {
            return $"unexpected argument '{ExtraGoodput[0]}' (SLOs go after --goodput, e.g. --goodput ttft:2000 tpot:200)";
        }

        try
        {
            _ = ParsedGoodput;
        }
        catch (FormatException ex)
        {
            return $"--goodput: {ex.Message}";
        }

        return null;
    }
}
