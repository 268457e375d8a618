using Orleans.Concurrency;
using SglangCi.Interfaces.Hardware;

namespace SglangCi.Grains.Hardware;

/// <summary>Hardware page and home-card reads; a stateless worker, so the dashboard's pages never queue behind each other.</summary>
[StatelessWorker]
public sealed class HardwareQueryGrain(IHardwareQueries queries) : Grain, IHardwareQueryGrain
{
    public Task<HardwareNight> Night(string hardware, DateOnly day)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hardware);
        return queries.NightAsync(hardware, day, CancellationToken.None);
    }

    public Task<IReadOnlyList<HardwareDaySummary>> Days(string? hardware, DateOnly? from, DateOnly? to) =>
        queries.DaysAsync(hardware, from, to, CancellationToken.None);
}
