using System.ComponentModel;
using System.Globalization;
using SglangCi.Cli.Commands.Bench.Dashboard;
using SglangCi.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Bench;

/// <summary>
/// <c>bench dashboard --url URL</c>: times every read API endpoint and every page of a running dashboard with
/// arguments found through its own API, and compares with the goals (API: median ≤ 5 ms, p95 ≤ 20 ms; page server
/// time: p95 &lt; 50 ms). Exit code 0 when every goal is met, 1 when one is missed or a target fails, 2 for bad options.
/// </summary>
public sealed class DashboardBenchCommand : AsyncCommand<DashboardBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--url <URL>")]
        [Description("The dashboard's base URL.")]
        [DefaultValue("http://127.0.0.1:5000")]
        public string Url { get; set; } = "http://127.0.0.1:5000";

        [CommandOption("--repeat <N>")]
        [Description("Timed requests per endpoint and page.")]
        [DefaultValue(50)]
        public int Repeat { get; set; } = 50;

        [CommandOption("--warmup <N>")]
        [Description("Untimed requests per endpoint and page before the timed ones.")]
        [DefaultValue(5)]
        public int Warmup { get; set; } = 5;

        [CommandOption("--token <TOKEN>")]
        [Description("The dashboard's access token, for a dashboard whose viewing needs sign-in (sent as a bearer token).")]
        public string? Token { get; set; }

        [CommandOption("--json")]
        [Description("Print machine-readable JSON on stdout.")]
        public bool Json { get; set; }

        public override ValidationResult Validate() =>
            !Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                ? ValidationResult.Error($"--url must be an http(s) URL, got '{Url}'.")
            : Repeat < 1 ? ValidationResult.Error("--repeat must be at least 1.")
            : Warmup < 0 ? ValidationResult.Error("--warmup must be 0 or more.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var http = DashboardBenchmark.CreateClient(new Uri(settings.Url), settings.Token);
        var bench = new DashboardBenchmark(http);
        DashboardArguments arguments;
        IReadOnlyList<string> paths;
        try
        {
            (arguments, paths) = await bench.DiscoverAsync(cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException($"The dashboard at {settings.Url} did not answer: {exception.Message}", exception);
        }

        var targets = DashboardTargets.Build(arguments, paths, out var unmeasured);
        var results = new List<DashboardTargetResult>(targets.Count);
        await Consoles.CreateError().Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("bench dashboard", maxValue: targets.Count);
                foreach (var target in targets)
                {
                    task.Description = Markup.Escape(target.Name);
                    results.Add(await bench.MeasureAsync(target, settings.Warmup, settings.Repeat, cancellationToken));
                    task.Increment(1);
                }
            });

        var passed = results.All(r => r.Met);
        if (settings.Json)
        {
            JsonOutput.Write(DashboardBenchReport.ToJson(settings.Url, settings.Repeat, settings.Warmup, arguments, results, unmeasured));
        }
        else
        {
            DashboardBenchReport.Render(Consoles.Out, settings.Url, settings.Repeat, arguments, results, unmeasured);
        }

        return passed ? ExitCodes.Success : ExitCodes.Failure;
    }
}
