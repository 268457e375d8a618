using System.Globalization;
using SglangCi.Interfaces.Presets;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Grains.Runs;

/// <summary>The bench_serving sweep against a running engine, every point reported as it completes.</summary>
public sealed partial class RunContext
{
    public async Task RunBenchmarkAsync(Uri baseUrl, BenchmarkPlan plan)
    {
        using var http = CreateEngineClient();
        var generator = new LoadGenerator(http);
        var kind = plan.LoadKind == LoadKind.Concurrency ? "concurrency" : "request rate";
        foreach (var point in plan.Points)
        {
            for (var repetition = 0; repetition < plan.RunsPerPoint; repetition++)
            {
                Stage = $"benchmark at {kind} {point.Load.ToString(CultureInfo.InvariantCulture)} (repetition {repetition + 1})";
                await LogAsync(RunLogText.PointStarting(plan.LoadKind, point.Load, repetition, point.NumPrompts));
                var report = await generator.RunAsync(BenchmarkPointMapping.Options(baseUrl, plan, point, repetition), null, CancellationToken);
                if (report.Completed == 0)
                {
                    var first = report.Errors.FirstOrDefault() ?? report.Requests.FirstOrDefault(r => r.Error is not null)?.Error ?? "no error recorded";
                    throw new InvalidOperationException($"all {point.NumPrompts} request(s) failed; first error: {first}");
                }

                var result = BenchmarkPointMapping.From(plan.LoadKind, point.Load, repetition, report);
                await LogAsync(RunLogText.Point(result));
                await ReportPointAsync(result);
            }
        }
    }
}
