using SglangCi.Interfaces.Runs;

namespace SglangCi.Interfaces.Schedules;

/// <summary>A cron schedule (Cronos syntax, five fields) in a time zone, and the jobs it starts.</summary>
[GenerateSerializer, Immutable]
public sealed record ScheduleDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Cron,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] bool Enabled,
    [property: Id(4)] IReadOnlyList<ScheduledJob> Jobs)
{
    /// <summary>Which nightly image the jobs run on, looked up when the schedule fires; null: no lookup, the node's
    /// runtime uses its default image (the simulated node).</summary>
    [Id(5)]
    public NightlyImagePolicy? Images { get; init; }

    /// <summary>The key a job's runs are stored under (<c>SCHEDULE/JOB</c>): how a night's status per job and the
    /// "yesterday" rule find them.</summary>
    public string JobKey(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return $"{Name}/{job.EffectiveName}";
    }
}

/// <summary>One job of a schedule: a run of <paramref name="Mode"/> on a node, of a preset where the kind needs one.</summary>
/// <param name="PresetName">The model preset; empty (or null) for kinds that run no model (<see cref="RunModes.NeedsPreset"/>).</param>
[GenerateSerializer, Immutable]
public sealed record ScheduledJob(
    string PresetName,
    [property: Id(1)] string NodeName,
    [property: Id(2)] RunMode Mode)
{
    /// <summary>Never null: a schedule file may leave it out for a kind without a model.</summary>
    [Id(0)]
    public string PresetName { get; init; } = PresetName ?? "";

    /// <summary>Unique within the schedule; null: <see cref="DefaultName"/>.</summary>
    [Id(3)]
    public string? Name { get; init; }

    /// <summary>The job's own settings (sanity trials, a dry run, …); null: the kind's defaults.</summary>
    [Id(4)]
    public RunOptions? Options { get; init; }

    /// <summary>False keeps a job in the schedule but never starts it (a job switched off for a reason, e.g. the
    /// old crontab's commented DeepSeek DP + torch compile); null means enabled, so schedules stored before the
    /// field existed keep their jobs.</summary>
    [Id(5)]
    public bool? Enabled { get; init; }

    public bool IsEnabled => Enabled != false;

    /// <summary><c>{preset}-{mode}</c> (<c>grok1-int4-online</c>), or the mode alone for a kind without a model (<c>unit-test</c>).</summary>
    public string DefaultName => string.IsNullOrWhiteSpace(PresetName) ? Mode.WireName() : $"{PresetName}-{Mode.WireName()}";

    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? DefaultName : Name;
}

/// <summary>
/// How a schedule finds the nightly image its jobs run on (the old <c>perf_nightly.sh</c>/<c>test_nightly.sh</c>
/// rules): today's image of the first ROCm build that has one, else an earlier night's primary build within
/// <see cref="ContinueRunDays"/>, else (one day only) the yesterday rule: skip when yesterday's run of the job
/// succeeded, otherwise run again on yesterday's primary image.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NightlyImagePolicy
{
    public const string DefaultRepository = "rocm/sgl-dev";

    /// <summary>Docker Hub repository, <c>namespace/name</c>.</summary>
    [Id(0)]
    public string Repository { get; init; } = DefaultRepository;

    /// <summary>The hardware part of the tag: <c>mi30x</c>, <c>mi35x</c>.</summary>
    [Id(1)]
    public string Hardware { get; init; } = "";

    /// <summary>ROCm builds in preference order (<c>rocm700</c>, <c>rocm630</c>); the first is the primary one, the only
    /// one tried for earlier nights.</summary>
    [Id(2)]
    public IReadOnlyList<string> RocmBuilds { get; init; } = ["rocm700"];

    /// <summary>Nights to try: 1 = today only, 3 = today, yesterday and the day before.</summary>
    [Id(3)]
    public int ContinueRunDays { get; init; } = 1;

    /// <summary>With one night only and no image tonight: apply the yesterday rule (else the job fails).</summary>
    [Id(4)]
    public bool YesterdayFallback { get; init; } = true;

    public string PrimaryRocm => RocmBuilds.Count > 0 ? RocmBuilds[0] : "";
}

[GenerateSerializer, Immutable]
public sealed record ScheduleStatus(
    [property: Id(0)] ScheduleDefinition? Definition,
    [property: Id(1)] DateTimeOffset? NextFiring,
    [property: Id(2)] DateTimeOffset? LastFiredAt,
    [property: Id(3)] IReadOnlyList<string> LastRunIds);
