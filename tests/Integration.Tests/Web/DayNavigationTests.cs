using SglangCi.Interfaces.Runs;
using SglangCi.Web.ViewModels;

namespace SglangCi.Integration.Tests.Web;

/// <summary>Previous / next on the home page jump over days without runs, and the default day is today only when it has runs.</summary>
public sealed class DayNavigationTests
{
    private static readonly DayNavigation Days = new(
    [
        new RunDay(new DateOnly(2025, 12, 9), 5, 1),
        new RunDay(new DateOnly(2025, 12, 6), 14, 10),
        new RunDay(new DateOnly(2025, 12, 2), 3, 0),
    ]);

    [Fact]
    public void Previous_and_next_skip_days_without_runs()
    {
        Assert.Equal(new DateOnly(2025, 12, 2), Days.Previous(new DateOnly(2025, 12, 6)));
        Assert.Equal(new DateOnly(2025, 12, 9), Days.Next(new DateOnly(2025, 12, 6)));
        Assert.Null(Days.Previous(new DateOnly(2025, 12, 2)));
        Assert.Null(Days.Next(new DateOnly(2025, 12, 9)));
    }

    [Fact]
    public void A_day_without_runs_steps_to_its_nearest_neighbours_with_runs()
    {
        Assert.Equal(new DateOnly(2025, 12, 2), Days.Previous(new DateOnly(2025, 12, 4)));
        Assert.Equal(new DateOnly(2025, 12, 6), Days.Next(new DateOnly(2025, 12, 4)));
        Assert.Equal(new DateOnly(2025, 12, 9), Days.Previous(new DateOnly(2026, 1, 1)));
        Assert.Equal(new DateOnly(2025, 12, 2), Days.Next(new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void Finds_the_counts_of_a_day_and_the_range()
    {
        Assert.Equal(new RunDay(new DateOnly(2025, 12, 6), 14, 10), Days.Find(new DateOnly(2025, 12, 6)));
        Assert.Null(Days.Find(new DateOnly(2025, 12, 7)));
        Assert.Equal(new DateOnly(2025, 12, 9), Days.Latest);
        Assert.Equal(new DateOnly(2025, 12, 2), Days.Earliest);
        Assert.Equal([new DateOnly(2025, 12, 9), new DateOnly(2025, 12, 6), new DateOnly(2025, 12, 2)], Days.Days.Select(d => d.Day));
    }

    [Fact]
    public void Default_day_is_today_with_runs_else_the_latest_and_a_requested_day_is_kept()
    {
        Assert.Equal(new DateOnly(2025, 12, 9), HomeViewModel.ChooseDay(Days, new DateOnly(2025, 12, 9), null));
        Assert.Equal(new DateOnly(2025, 12, 9), HomeViewModel.ChooseDay(Days, new DateOnly(2025, 12, 20), null));
        Assert.Equal(new DateOnly(2025, 12, 4), HomeViewModel.ChooseDay(Days, new DateOnly(2025, 12, 20), new DateOnly(2025, 12, 4)));
        Assert.Null(HomeViewModel.ChooseDay(DayNavigation.Empty, new DateOnly(2025, 12, 20), null));
        Assert.Null(DayNavigation.Empty.Previous(new DateOnly(2025, 12, 20)));
    }
}
