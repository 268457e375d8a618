using System.Text.Json;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.RunKinds.Housekeeping;

/// <summary>
/// <c>housekeeping</c> (the old <c>cron/system_cleanup.sh</c>), on the run's node, which its inventory's runtime decides:
/// <list type="bullet">
/// <item>Docker nodes: <see cref="DockerHousekeeping"/> (options <c>SglangCi:Docker:Housekeeping</c>) removes old images of
/// ours, dangling images and core dumps; checks <c>images</c>, <c>dangling-images</c>, <c>core-dumps</c> (value: how many
/// were removed), the whole report kept as the command log <c>housekeeping</c>.</item>
/// <item>Simulated and process nodes have no Docker engine: a skipped <c>docker-images</c> check says so.</item>
/// <item>Every node: a check <c>disk &lt;path&gt;</c> (value: free GiB) for the silo's data directory, each path of
/// <c>SglangCi:Housekeeping:DiskPaths</c> and, on Docker nodes, Docker's data root; failed below the job's
/// <see cref="RunOptions.CriticalFreeGb"/> (default <c>SglangCi:Housekeeping:CriticalFreeGb</c>, 200 GiB), a warning when
/// the file system is used beyond <c>SglangCi:Housekeeping:WarnUsedPercent</c> (85 %) or the path cannot be measured.</item>
/// </list>
/// The run fails when the clean-up did: Docker did not answer (the reason is Docker's) or a removal failed. Low disk space
/// does not fail the run: it is what the clean-up is for, and a failed housekeeping run would only repeat it. It raises one
/// alert per run instead (Error, "Critical disk space on NODE", the paths below the line with their free GiB and the threshold).
/// </summary>
public sealed class HousekeepingKind(DockerHousekeeping? docker, HousekeepingKindOptions options, string dataDirectory) : IRunKind
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public RunMode Mode => RunMode.Housekeeping;

    public bool RunsPreLaunch => false;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await run.PhaseStartedAsync(RunPhase.Benchmark);
        var inventory = (await run.Node.GetStatus()).Inventory;
        var runtime = inventory?.Runtime;
        var disks = new List<DiskSpaceReport>();
        string? failure = null;

        if (runtime == EngineRuntimeKind.Docker && docker is not null)
        {
            run.Stage = "docker clean-up";
            var report = await docker.RunAsync(run.CancellationToken);
            var logName = await run.WriteCommandLogAsync("housekeeping", JsonSerializer.Serialize(report, ReportJson));
            foreach (var check in DockerCleanupChecks.From(report, logName))
            {
                await run.ReportCheckAsync(check);
            }

            failure = DockerCleanupChecks.FailureReason(report);
            disks.AddRange(report.Disks.Where(d => d.What == DiskSpaceVerdicts.DockerDataRoot));
        }
        else
        {
            var why = runtime switch
            {
                EngineRuntimeKind.Docker => "this silo has no Docker runtime registered",
                { } other => $"node '{run.Plan.NodeName}' runs the {other.ToString().ToLowerInvariant()} runtime: no Docker images to clean up",
                null => $"node '{run.Plan.NodeName}' has no inventory: runtime unknown, no Docker clean-up",
            };
            await run.ReportCheckAsync(new RunCheckResult(DockerCleanupChecks.DockerImages, CheckStatus.Skipped, null, null, why));
        }

        run.Stage = "disk space";
        disks.InsertRange(0, DiskPaths().Select(p => DiskSpaceProbe.Measure(p.What, p.Path)));
        var critical = run.Plan.Options.CriticalFreeGb ?? options.CriticalFreeGb;
        var measured = disks.DistinctBy(d => d.Path, StringComparer.Ordinal).ToList();
        foreach (var disk in measured)
        {
            await run.ReportCheckAsync(DiskSpaceVerdicts.Judge(disk, critical, options.WarnUsedPercent));
        }

        if (DiskSpaceVerdicts.Alert(run.Plan.RunId, inventory, run.Plan.NodeName, measured, critical, run.Time.GetUtcNow()) is { } alert)
        {
            await run.LogAsync(alert.Text);
            await run.RaiseAlertAsync(alert);
        }

        await run.PhaseStartedAsync(RunPhase.Collected);
        return failure is null ? RunOutcome.Succeeded : RunOutcome.Failed(failure);
    }

    private IEnumerable<(string What, string Path)> DiskPaths() =>
        options.DiskPaths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => ("configured path", p)).Prepend(("data directory", dataDirectory));
}
