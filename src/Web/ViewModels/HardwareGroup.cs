using SglangCi.Interfaces.Hardware;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>The runs of one hardware kind on one day, with the counts its summary card shows.</summary>
public sealed record HardwareGroup(string Hardware, IReadOnlyList<RunRow> Runs)
{
    public int Passed => Runs.Count(r => r.Status == RunStatus.Succeeded);

    public int Failed => Runs.Count(r => r.Status is RunStatus.Failed or RunStatus.Skipped);

    public int InFlight => Runs.Count(r => !r.Status.IsTerminal());

    public int Finished => Runs.Count(r => r.Status.IsTerminal());

    /// <summary>Succeeded over finished (<see cref="PassRates"/>): runs still going neither help nor hurt the rate.</summary>
    public double? PassRate => PassRates.Of(Passed, Finished);
}
