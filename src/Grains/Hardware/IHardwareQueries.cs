using SglangCi.Interfaces.Hardware;

namespace SglangCi.Grains.Hardware;

/// <summary>Per-hardware nights and day counts over the results tables; implemented per SQL dialect by the Silo.</summary>
public interface IHardwareQueries
{
    Task<HardwareNight> NightAsync(string hardware, DateOnly day, CancellationToken cancellationToken);

    Task<IReadOnlyList<HardwareDaySummary>> DaysAsync(string? hardware, DateOnly? from, DateOnly? to, CancellationToken cancellationToken);
}
