namespace SglangCi.SimulatedEngine;

/// <summary>
/// Everything that shapes the simulated SGLang server: identity, the latency model, batching limits,
/// GSM8K behaviour and injected faults. Immutable so one instance can be shared by the scheduler and
/// the HTTP handlers without locking, and so a CI configuration can be recorded next to its results.
/// </summary>
public sealed record SimulatedEngineOptions
{
    /// <summary>The served model name; <c>/v1/models</c> reports it as <c>data[0].id</c>, which
    /// <c>bench_serving</c> and our load generator use as the model name.</summary>
    public string ModelName { get; init; } = "simulated-model";

    /// <summary>Reported by <c>/get_model_info</c> and <c>/get_server_info</c> as the model and tokenizer path.</summary>
    public string ModelPath { get; init; } = "/models/simulated";

    /// <summary>Prefill cost per new input token (ms); prefill of a batch = <see cref="PrefillBaseMs"/> +
    /// this × Σ input tokens, so TTFT grows with prompt length as on a real GPU.</summary>
    public double PrefillMsPerToken { get; init; } = 0.02;

    /// <summary>Fixed cost of one prefill step (ms): kernel launches and scheduling overhead.</summary>
    public double PrefillBaseMs { get; init; } = 2;

    /// <summary>Fixed cost of one decode step (ms); it dominates ITL at low concurrency.</summary>
    public double DecodeStepBaseMs { get; init; } = 4;

    /// <summary>Extra decode-step cost per running request (ms), so ITL rises with concurrency and
    /// throughput saturates the way benchmark curves expect.</summary>
    public double DecodeStepMsPerRequest { get; init; } = 0.05;

    /// <summary>Largest running batch; further requests wait in a FIFO queue (shows up as queueing in TTFT).</summary>
    public int MaxRunningRequests { get; init; } = 256;

    /// <summary>Probability that the answer to a known GSM8K question is right; lets CI exercise both
    /// sides of an accuracy gate without a model.</summary>
    public double Gsm8kAccuracy { get; init; } = 0.95;

    /// <summary>
    /// When set, the accuracy of the n-th time a question is asked (the n-th GSM8K trial against this server; the last
    /// entry holds for later ones) instead of <see cref="Gsm8kAccuracy"/>: trials that differ, so a rule over several
    /// trials (mean versus best) can be told apart.
    /// </summary>
    public IReadOnlyList<double>? Gsm8kAccuracyByTrial { get; init; }

    /// <summary>Seed for every random choice (generated words, GSM8K right/wrong, error injection), so a
    /// run is reproducible.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Time from start until the server reports healthy, standing in for model loading.</summary>
    public TimeSpan StartupDelay { get; init; } = TimeSpan.Zero;

    /// <summary>GSM8K question text → full reference answer (ending <c>#### N</c>). Questions not listed
    /// get a generic numeric answer (almost always wrong).</summary>
    public IReadOnlyDictionary<string, string>? Gsm8kAnswers { get; init; }

    /// <summary>Injected failures, so CI error handling (startup failure, 5xx, stalls, crashes) can be tested.</summary>
    public SimulatedFaults Faults { get; init; } = new();

    /// <summary>Maximum context length; reported as <c>max_model_len</c> and used to reject over-long prompts.</summary>
    public int ContextLength { get; init; } = 32768;

    /// <summary>Launch flags to echo in <c>/get_server_info</c> (snake_case keys such as <c>tp_size</c>,
    /// <c>attention_backend</c>), overriding the simulator's defaults there, so a dry run records the server
    /// configuration its preset asked for. Values that parse as numbers or booleans are reported as such.</summary>
    public IReadOnlyDictionary<string, string>? ServerArgs { get; init; }

    /// <summary>Reported as <c>version</c> in <c>/get_server_info</c>; the "-sim" suffix keeps simulated
    /// results distinguishable from real ones in stored history.</summary>
    public string Version { get; init; } = "0.5.6-sim";
}
