using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Grains.Runs;

/// <summary>The pipeline's dependencies, one DI object so the grain needs no knowledge of them.</summary>
public sealed class RunPipelineServices(
    IHttpClientFactory httpClients,
    Gsm8kDatasetSource dataset,
    TimeProvider time,
    IOptions<RunGrainOptions> options,
    ILogger<RunPipeline> logger,
    RunLogWriter? logs = null,
    RunKindCatalog? kinds = null)
{
    /// <summary>Named client for engine traffic: no client-wide timeout (the toolkit times each request).</summary>
    public const string EngineHttpClient = "sglci-engine";

    public Gsm8kDatasetSource Dataset { get; } = dataset;

    public TimeProvider Time { get; } = time;

    public RunGrainOptions Options => options.Value;

    public ILogger<RunPipeline> Logger { get; } = logger;

    /// <summary>The runs' own logs (a writer of its own over <see cref="RunGrainOptions.LogDirectory"/> when none is given).</summary>
    public RunLogWriter Logs { get; } = logs ?? new RunLogWriter(
        new RunLogFiles(options.Value.LogDirectory ?? RunLogFiles.DefaultRoot), time, Microsoft.Extensions.Logging.Abstractions.NullLogger<RunLogWriter>.Instance);

    /// <summary>The code that does each kind of run's work.</summary>
    public RunKindCatalog Kinds { get; } = kinds ?? RunKindCatalog.Default;

    public HttpClient CreateEngineClient() => httpClients.CreateClient(EngineHttpClient);
}
