using Orleans.Configuration;
using Orleans.Hosting;

namespace SglangCi.Integration.Tests.Storage;

/// <summary>Reminder settings for test silos: Orleans refuses periods under a minute by default; the tests need seconds.</summary>
public static class FastReminders
{
    public static ISiloBuilder UseFastReminders(this ISiloBuilder silo) => silo.Configure<ReminderOptions>(o =>
    {
        o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
        o.RefreshReminderListPeriod = TimeSpan.FromSeconds(2);
        o.InitializationTimeout = TimeSpan.FromSeconds(30);
    });
}
