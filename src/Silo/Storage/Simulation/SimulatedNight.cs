using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.Storage.Simulation;

/// <summary>What <see cref="NightSimulator"/> is asked for: the nights ending at <see cref="End"/>, the hardware kinds, the seed.</summary>
public sealed record SimulationOptions(DateOnly End, int Days, IReadOnlyList<string> Hardware, int Seed)
{
    /// <summary>A year of nights.</summary>
    public const int DefaultDays = 365;

    /// <summary>Four hardware kinds, all with ROCm nightly images (the tag shape the dashboard reads): the two the old CI ran and two newer ones.</summary>
    public static readonly IReadOnlyList<string> DefaultHardware = ["mi30x", "mi35x", "mi325x", "mi350x"];

    public const int DefaultSeed = 20251201;

    public DateOnly First => End.AddDays(1 - Days);
}

/// <summary>One simulated run with everything a real one stores: summary, phases, GSM8K gate with its trials, load points.</summary>
public sealed record SimulatedRun(RunSummary Run, IReadOnlyList<PhaseRecord> Phases, Gsm8kGateResult? Gate, IReadOnlyList<BenchmarkPointResult> Points);

/// <summary>One hardware kind's night: its image (null when no image was published that day) and its runs.</summary>
public sealed record SimulatedNight(DateOnly Date, string Hardware, string? Image, IReadOnlyList<SimulatedRun> Runs);
