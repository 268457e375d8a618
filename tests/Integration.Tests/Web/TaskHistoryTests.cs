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
