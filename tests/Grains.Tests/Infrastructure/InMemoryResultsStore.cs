using System.Collections.Concurrent;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>The results tables as dictionaries, one set per test cluster (shared by its silos, like a database).</summary>
public sealed class InMemoryResultsStore : IResultsStore
{
    private static readonly ConcurrentDictionary<string, InMemoryResultsStore> Clusters = new();

    private readonly object _gate = new();
    private readonly Dictionary<string, (RunSummary Run, IReadOnlyList<PhaseRecord> Phases)> _runs = [];
    private readonly Dictionary<string, Gsm8kGateResult> _gates = [];
    private readonly Dictionary<string, Dictionary<(LoadKind, double, int), BenchmarkPointResult>> _points = [];
    private readonly Dictionary<string, Dictionary<(int, int, int), OfflineResult>> _offline = [];
    private readonly Dictionary<string, IReadOnlyList<RunCheckResult>> _checks = [];

    public static InMemoryResultsStore For(string clusterId) => Clusters.GetOrAdd(clusterId, _ => new InMemoryResultsStore());

    /// <summary>How many times each run row was written (a write per phase change is expected).</summary>
    public ConcurrentDictionary<string, int> RunWrites { get; } = new();

    public Task SaveRunAsync(RunSummary run, IReadOnlyList<PhaseRecord> phases, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _runs[run.Id] = (run, phases.ToArray());
        }

        RunWrites.AddOrUpdate(run.Id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task SaveGsm8kAsync(string runId, Gsm8kGateResult gate, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _gates[runId] = gate;
        }

        return Task.CompletedTask;
    }

    public Task SaveBenchmarkPointsAsync(string runId, IReadOnlyList<BenchmarkPointResult> points, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_points.TryGetValue(runId, out var stored))
            {
                _points[runId] = stored = [];
            }

            foreach (var point in points)
            {
                stored[(point.LoadKind, point.Load, point.Repetition)] = point;
            }
        }

        return Task.CompletedTask;
    }

    public Task SaveOfflineResultsAsync(string runId, IReadOnlyList<OfflineResult> results, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_offline.TryGetValue(runId, out var stored))
            {
                _offline[runId] = stored = [];
            }

            foreach (var result in results)
            {
                stored[(result.BatchSize, result.InputLen, result.OutputLen)] = result;
            }
        }

        return Task.CompletedTask;
    }

    public Task SaveChecksAsync(string runId, IReadOnlyList<RunCheckResult> checks, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _checks[runId] = checks.ToArray();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunSummary>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<RunSummary> runs = _runs.Values.Select(r => r.Run)
                .Where(r => query.Hardware is null || r.Hardware == query.Hardware)
                .Where(r => query.Node is null || r.Node == query.Node)
                .Where(r => query.Preset is null || r.Preset == query.Preset)
                .Where(r => query.JobKey is null || r.JobKey == query.JobKey)
                .Where(r => Day(r) is not { } day ? query.From is null && query.To is null : (query.From is null || day >= query.From) && (query.To is null || day <= query.To))
                .OrderByDescending(r => r.StartedAt)
                .Take(query.Limit)
                .ToArray();
            return Task.FromResult(runs);
        }
    }

    public Task<IReadOnlyList<RunDay>> QueryRunDaysAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<RunDay> days = _runs.Values.Select(r => r.Run)
                .Select(r => (Day: r.ImageDate ?? (r.StartedAt is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : (DateOnly?)null), r.Status))
                .Where(r => r.Day is { } d && (from is null || d >= from) && (to is null || d <= to))
                .GroupBy(r => r.Day!.Value)
                .OrderByDescending(g => g.Key)
                .Select(g => new RunDay(g.Key, g.Count(), g.Count(r => r.Status == RunStatus.Failed)))
                .ToArray();
            return Task.FromResult(days);
        }
    }

    public Task<RunDetails?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var run))
            {
                return Task.FromResult<RunDetails?>(null);
            }

            _gates.TryGetValue(runId, out var gate);
            var points = _points.TryGetValue(runId, out var stored) ? stored.Values.ToArray() : [];
            var offline = _offline.TryGetValue(runId, out var cases) ? cases.Values.ToArray() : [];
            var checks = _checks.TryGetValue(runId, out var c) ? c : [];
            return Task.FromResult<RunDetails?>(new RunDetails(run.Run, run.Phases, gate, points) { Offline = offline, Checks = checks });
        }
    }

    private static DateOnly? Day(RunSummary run) => run.ImageDate ?? (run.StartedAt is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : null);
}
