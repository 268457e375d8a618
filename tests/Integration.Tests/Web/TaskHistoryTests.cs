using SglangCi.Interfaces.Hardware;
using SglangCi.Interfaces.Runs;
using SglangCi.Web.ViewModels.Hardware;

namespace SglangCi.Integration.Tests.Web;

/// <summary>The per-task history of a hardware kind: every row of every night under its task, nights in order.</summary>
public sealed class TaskHistoryTests
{
    private static readonly DateOnly Monday = new(2025, 12, 1);

    [Fact]
    public void Each_task_lists_its_nights_in_order_and_a_second_run_on_a_night_is_kept()
    {
        var history = TaskHistory.From("mi30x",
        [
            Night(Monday.AddDays(1), Row("GROK1", "online", RunStatus.Failed, "t10"), Row("GROK1", "online", RunStatus.Succeeded, "t12")),
            Night(Monday, Row("GROK1", "online", RunStatus.Succeeded, "t10"), Row("DeepSeek-V3-0324", "online_dp_attention", RunStatus.Skipped, "t10", HardwareTaskGroup.Integration)),
        ]);

        Assert.Equal([Monday, Monday.AddDays(1)], history.Days);
        Assert.Equal(["GROK1", "DeepSeek-V3-0324"], history.Tasks.Select(t => t.Task));
        var grok = history.Tasks[0];
        Assert.Equal([Monday, Monday.AddDays(1), Monday.AddDays(1)], grok.Nights.Select(n => n.Day));
        Assert.Equal([RunStatus.Succeeded, RunStatus.Failed, RunStatus.Succeeded], grok.Nights.Select(n => n.Status));
        Assert.Equal(2.0 / 3, grok.PassRate!.Value, 6);
        Assert.Equal(0, history.Tasks[1].PassRate);
    }

    [Fact]
    public void A_nights_mark_is_its_worst_outcome_and_a_night_without_the_task_is_blank()
    {
        var history = TaskHistory.From("mi30x",
        [
            Night(Monday, Row("GROK1", "online", RunStatus.Succeeded, "t10")),
            Night(Monday.AddDays(1), Row("GROK1", "online", RunStatus.Failed, "t10"), Row("GROK1", "online", RunStatus.Succeeded, "t12")),
            Night(Monday.AddDays(2), Row("Unit tests", "", RunStatus.Succeeded, "t10", HardwareTaskGroup.Validation)),
        ]);

        var marks = history.Tasks.Single(t => t.Task == "GROK1").Marks(history.Days);

        Assert.Equal([RunStatus.Succeeded, RunStatus.Failed, null], marks.Select(m => m.Status));
        Assert.Equal(["night-good", "night-bad", "night-none"], marks.Select(m => m.CssClass));
        Assert.Equal("2025-12-02: failed on t10; succeeded on t12", marks[1].Title);
        Assert.Equal("2025-12-03: did not run", marks[2].Title);
        Assert.Same(history.Tasks.Single(t => t.Task == "GROK1"), history.Of(Row("GROK1", "online", RunStatus.Queued, "t99")));
        Assert.Null(history.Of(Row("GROK2", "online", RunStatus.Queued, "t10")));
    }

    [Fact]
    public void No_nights_is_an_empty_history_not_an_error()
    {
        var history = TaskHistory.From("mi35x", []);

        Assert.Empty(history.Days);
        Assert.Empty(history.Tasks);
    }

    private static HardwareNight Night(DateOnly day, params HardwareTaskRow[] rows) => new("mi30x", day, rows);

    private static HardwareTaskRow Row(string task, string mode, RunStatus status, string host, HardwareTaskGroup group = HardwareTaskGroup.Performance) =>
        new(group, task, mode, host, status, status.ToString().ToLowerInvariant(), null, $"{task}-{host}", null,
            new DateTimeOffset(2025, 12, 1, host == "t10" ? 18 : 20, 0, 0, TimeSpan.Zero), 1800, 0.95, 0.9, null);
}
