using SglangCi.Cli.Output;
using SglangCi.Toolkit.Datasets;
using SglangCi.Toolkit.LoadGeneration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Bench;

/// <summary>
/// <c>bench serve</c>: a standalone <c>bench_serving</c> run against any SGLang (or simulated) server, no cluster.
/// The work is done by <see cref="ServingBenchmark"/>; this class turns options into a run, draws the progress
/// bar on stderr and picks the exit code: 0 ok, 1 when the server is unreachable or every request failed,
/// 2 for bad arguments (including a malformed dataset file).
/// </summary>
public sealed class BenchServeCommand : AsyncCommand<BenchServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchServeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        LoadGeneratorOptions options;
        try
        {
            options = BuildOptions(settings);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"error: --dataset-path: {ex.Message}");
            return ExitCodes.BadArguments;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var benchmark = new ServingBenchmark(http);
        ServingBenchmarkResult result;
        try
        {
            result = settings.Json
                ? await benchmark.RunAsync(options, settings.OutputFile, null, cancellationToken)
                : await RunWithProgressAsync(benchmark, options, settings.OutputFile, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // Unreachable server, no model list, failed warm-up: the message names the URL and what went wrong.
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        if (settings.Json)
        {
            await Console.Out.WriteLineAsync(result.Json.Serialize());
        }
        else
        {
            await Console.Out.WriteAsync(result.Summary);
        }

        if (result.AllFailed)
        {
            await Console.Error.WriteLineAsync($"error: all {result.Report.Failed} request(s) failed; most frequent error: {result.FirstError ?? "none recorded"}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    /// <summary>The run's options; reading a dataset file may throw <see cref="FormatException"/> naming file:line.</summary>
    public static LoadGeneratorOptions BuildOptions(BenchServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IPromptSource? dataset = settings.Dataset.Trim().ToLowerInvariant() switch
        {
            "sharegpt" => ShareGptPromptSource.Load(settings.DatasetPath!, settings.ShareGptOutputLen),
            "prompts" => PromptFilePromptSource.Load(settings.DatasetPath!, settings.RandomOutputLen),
            _ => null,
        };
        return new LoadGeneratorOptions(
            settings.ParsedBaseUrl,
            settings.Model,
            settings.NumPrompts,
            settings.RandomInputLen,
            settings.RandomOutputLen,
            settings.RandomRangeRatio,
            settings.ParsedRequestRate,
            settings.MaxConcurrency,
            settings.Seed,
            IgnoreEos: !settings.DisableIgnoreEos,
            WarmupRequests: settings.WarmupRequests)
        {
            Backend = settings.ParsedBackend,
            Dataset = dataset,
            Goodput = settings.ParsedGoodput,
            RequestTimeout = TimeSpan.FromSeconds(settings.RequestTimeoutSeconds),
        };
    }

    private static async Task<ServingBenchmarkResult> RunWithProgressAsync(ServingBenchmark benchmark, LoadGeneratorOptions options, string? outputFile, CancellationToken ct)
    {
        // stderr, so the summary on stdout can be piped or redirected untouched.
        var console = Consoles.CreateError();
        ServingBenchmarkResult? result = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{BenchmarkBackends.BenchServingName(options.Backend)} · {options.NumPrompts} requests", maxValue: options.NumPrompts);
                var progress = new MonotonicProgress(task);
                result = await benchmark.RunAsync(options, outputFile, progress, ct);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Reports arrive from many threads, possibly out of order; the bar only moves forward.</summary>
    private sealed class MonotonicProgress(ProgressTask task) : IProgress<LoadProgress>
    {
        private readonly Lock _gate = new();
        private int _finished;

        public void Report(LoadProgress value)
        {
            lock (_gate)
            {
                if (value.Finished <= _finished)
                {
                    return;
                }

                _finished = value.Finished;
                task.Value = value.Finished;
                task.Description = value.Failed > 0
                    ? $"{value.Finished}/{value.Total} done, [red]{value.Failed} failed[/]"
                    : $"{value.Finished}/{value.Total} done";
            }
        }
    }
}
