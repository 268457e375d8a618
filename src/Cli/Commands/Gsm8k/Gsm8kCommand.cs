using SglangCi.Cli.Output;
using SglangCi.Toolkit.Gsm8k;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Gsm8k;

/// <summary>
/// <c>gsm8k</c>: SGLang's GSM8K accuracy benchmark against a running server. Prints bench_sglang's four result lines
/// (or JSON); the progress bar goes to stderr so stdout stays parseable.
/// </summary>
public sealed class Gsm8kCommand : AsyncCommand<Gsm8kSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Gsm8kSettings settings, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var dataset = await Gsm8kCommandCore.LoadDatasetAsync(http, settings.Data, cacheDirectory: null, cancellationToken);
        var options = new Gsm8kOptions(settings.Url, settings.NumQuestions, settings.NumShots, settings.Parallel, settings.MaxNewTokens);
        var total = Math.Min(settings.NumQuestions, dataset.Count);

        var outcome = await WithProgressAsync(total, progress => Gsm8kCommandCore.RunAsync(http, dataset, options, progress, cancellationToken));
        if (outcome.AllFailed)
        {
            await Console.Error.WriteLineAsync(
                $"error: all {outcome.Result.Questions} requests to {settings.Url} failed: {outcome.Result.FirstError ?? "unknown error"}");
            return ExitCodes.Failure;
        }

        if (settings.Json)
        {
            JsonOutput.Write(Gsm8kCommandCore.ToJson(outcome.Result));
        }
        else
        {
            Console.Out.WriteLine(Gsm8kReport.Format(outcome.Result));
        }

        return ExitCodes.Success;
    }

    /// <summary>A live progress bar on stderr when it is a terminal; nothing otherwise (logs stay clean).</summary>
    private static async Task<T> WithProgressAsync<T>(int total, Func<IProgress<int>?, Task<T>> run)
    {
        if (Console.IsErrorRedirected)
        {
            return await run(null);
        }

        var stderr = Consoles.CreateError();
        return await stderr.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("GSM8K questions", maxValue: total);
                var progress = new Progress<int>(finished => task.Value = Math.Max(task.Value, finished));
                return await run(progress);
            });
    }
}
