using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using SglangCi.Cli.Cluster;
using SglangCi.Cli.Commands.Bench.Dashboard;
using SglangCi.Cli.Commands.Bench.Scheduling;
using SglangCi.Cli.Output;
using SglangCi.Grains.Nodes;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Bench;

/// <summary>
/// <c>bench scheduling</c>: fires a night with one job on every online node of a running cluster, --nights times, and
/// reports how long the cluster takes to admit the jobs (firing → queued), to lease their GPUs (firing → leased) and to
/// finish the night. Timestamps are the runs' own phase records, so the figures are the cluster's, not the CLI's polling.
/// Exit code 0 when every night ended within --timeout-min, 1 otherwise.
/// </summary>
public sealed class SchedulingBenchCommand : ClusterCommand<SchedulingBenchCommand.Settings>
{
    public const string ScheduleName = "bench-scheduling";

    public sealed class Settings : ClusterSettings
    {
        [CommandOption("--nights <N>")]
        [Description("Nights to fire, one after the other.")]
        [DefaultValue(3)]
        public int Nights { get; set; } = 3;

        [CommandOption("--mode <KIND>")]
        [Description("The job every node runs: a kind that needs no preset (UnitTest holds GPUs, like a benchmark).")]
        [DefaultValue(RunMode.UnitTest)]
        public RunMode Mode { get; set; } = RunMode.UnitTest;

        [CommandOption("--timeout-min <MINUTES>")]
        [Description("How long one night may take to end.")]
        [DefaultValue(10)]
        public int TimeoutMinutes { get; set; } = 10;

        public override ValidationResult Validate() =>
            Nights < 1 ? ValidationResult.Error("--nights must be at least 1.")
            : Mode.NeedsPreset() ? ValidationResult.Error($"--mode {Mode} needs a preset; choose a kind that does not (UnitTest, Housekeeping, DailySummary, ImageCheck).")
            : TimeoutMinutes < 1 ? ValidationResult.Error("--timeout-min must be at least 1.")
            : base.Validate();
    }

    protected override async Task<int> ExecuteAsync(IGrainFactory grains, Settings settings, CancellationToken cancellationToken)
    {
        var nodes = (await NodeListing.ListAsync(grains, cancellationToken)).Where(n => n.IsOnline).Select(n => n.Name).ToList();
        if (nodes.Count == 0)
        {
            throw new InvalidOperationException("no node of the cluster is online: nothing to schedule on.");
        }

        // Disabled, so its cron never fires by itself; the benchmark fires it.
        var schedule = grains.GetGrain<IScheduleGrain>(ScheduleName);
        await schedule.Configure(new ScheduleDefinition(ScheduleName, "0 0 1 1 *", "UTC", Enabled: false,
            [.. nodes.Select(node => new ScheduledJob("", node, settings.Mode) { Name = node })]));

        var nights = new List<SchedulingNight>();
        var timedOut = false;
        await Consoles.CreateError().Progress().AutoClear(true).StartAsync(async progress =>
        {
            foreach (var night in Enumerable.Range(1, settings.Nights))
            {
                var task = progress.AddTask($"night {night}/{settings.Nights}: {nodes.Count} jobs", maxValue: nodes.Count);
                var firedAt = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                var runIds = await schedule.Fire(ScheduleName);
                var fireDuration = clock.Elapsed;
                var (runs, ended) = await WaitForEndAsync(grains, runIds, TimeSpan.FromMinutes(settings.TimeoutMinutes), done => task.Value = done, cancellationToken);
                timedOut |= !ended;
                nights.Add(new SchedulingNight(firedAt, fireDuration, runs));
            }
        });

        var report = SchedulingReport.From(nodes.Count, settings.Mode, nights);
        Print(settings, report, () => SchedulingReport.Render(report));
        return timedOut ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>Polls the runs until every one has ended (or the time is up); returns their last records.</summary>
    private static async Task<(IReadOnlyList<RunDetails> Runs, bool Ended)> WaitForEndAsync(
        IGrainFactory grains, IReadOnlyList<string> runIds, TimeSpan timeout, Action<int> onProgress, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = (await Task.WhenAll(runIds.Select(id => RunLookup.GetDetailsAsync(grains, id)))).OfType<RunDetails>().ToList();
            var ended = runs.Count(r => r.Run.Status.IsTerminal());
            onProgress(ended);
            if (ended == runIds.Count || DateTime.UtcNow >= deadline)
            {
                return (runs, ended == runIds.Count);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}

/// <summary>What <c>bench scheduling</c> prints (and writes as JSON).</summary>
public sealed record SchedulingReport(
    int Nodes, string Mode, int Nights, int Runs, int Failed,
    LatencySummary FireMs, LatencySummary AdmissionMs, LatencySummary? LeaseMs, LatencySummary? NightEndMs)
{
    public static SchedulingReport From(int nodes, RunMode mode, IReadOnlyList<SchedulingNight> nights)
    {
        var ends = nights.Where(n => n.EndMs.Any()).Select(n => n.EndMs.Max()).ToList();
        var leases = nights.SelectMany(n => n.LeaseMs).ToList();
        return new SchedulingReport(
            nodes, mode.WireName(), nights.Count, nights.Sum(n => n.Runs.Count), nights.Sum(n => n.Failed),
            LatencySummary.Of([.. nights.Select(n => n.FireDuration.TotalMilliseconds)]),
            LatencySummary.Of([.. nights.SelectMany(n => n.AdmissionMs)]),
            leases.Count == 0 ? null : LatencySummary.Of(leases),
            ends.Count == 0 ? null : LatencySummary.Of(ends));
    }

    public static void Render(SchedulingReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{report.Nights} night(s) × {report.Nodes} nodes ({report.Mode}): {report.Runs} runs, {report.Failed} not succeeded")
            .AddColumn("from the firing to").AddColumn(new TableColumn("median ms").RightAligned())
            .AddColumn(new TableColumn("p95 ms").RightAligned()).AddColumn(new TableColumn("max ms").RightAligned());
        Row(table, "every job admitted (Fire returns)", report.FireMs);
        Row(table, "a run queued on its node", report.AdmissionMs);
        if (report.LeaseMs is { } lease)
        {
            Row(table, "a run's GPUs leased", lease);
        }
        if (report.NightEndMs is { } end)
        {
            Row(table, "the night's last run ended", end);
        }

        Consoles.Out.Write(table);
    }

    private static void Row(Table table, string what, LatencySummary latency) =>
        table.AddRow(what, Ms(latency.MedianMs), Ms(latency.P95Ms), Ms(latency.MaxMs));

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
