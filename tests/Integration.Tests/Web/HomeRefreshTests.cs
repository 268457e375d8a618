using SglangCi.Interfaces.Runs;
using SglangCi.Web.ViewModels;

namespace SglangCi.Integration.Tests.Web;

/// <summary>
/// The home page polls every few seconds; it re-renders only when what it shows changed, so rows are not replaced
/// under a pointer (a click that lands during a re-render was lost).
/// </summary>
public sealed class HomeRefreshTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void A_refresh_that_finds_the_same_runs_in_the_same_states_needs_no_render()
    {
        var shown = Home(Row("a", RunStatus.Running), Row("b", RunStatus.Succeeded));
        var refreshed = Home(Row("a", RunStatus.Running), Row("b", RunStatus.Succeeded));

        Assert.True(refreshed.ShowsSameRunsAs(shown));
    }

    [Fact]
    public void A_changed_status_a_new_run_or_another_day_is_rendered()
    {
        var shown = Home(Row("a", RunStatus.Running));

        Assert.False(Home(Row("a", RunStatus.Succeeded)).ShowsSameRunsAs(shown));
        Assert.False(Home(Row("a", RunStatus.Running), Row("b", RunStatus.Queued)).ShowsSameRunsAs(shown));
        Assert.False((Home(Row("a", RunStatus.Running)) with { Day = Today.AddDays(-1) }).ShowsSameRunsAs(shown));
    }

    private static HomeViewModel Home(params RunRow[] runs) =>
        new(Today, Today, [new HardwareGroup("sim", runs)], DayNavigation.Empty, []);

    private static RunRow Row(string id, RunStatus status) => new(
        id, "grok1-int4", "GROK1", "online", "sim-node-1", "vm", "sim", status, null, null,
        new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero), status.IsTerminal() ? new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero) : null, "cli");
}
