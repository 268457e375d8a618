namespace SglangCi.Interfaces.Hardware;

/// <summary>
/// Reads the per-hardware views of the results tables: one night's tasks grouped as the old hardware page grouped
/// them, and per-day counts for the home page's cards, chart and activity table (stateless worker; key 0).
/// </summary>
public interface IHardwareQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Every task of <paramref name="day"/> (image date) on <paramref name="hardware"/>; no rows when nothing ran.</summary>
    Task<HardwareNight> Night(string hardware, DateOnly day);

    /// <summary>
    /// The (day, hardware) pairs with runs or checks between the dates (inclusive; null = open), newest day first,
    /// then by hardware; only <paramref name="hardware"/>'s when given.
    /// </summary>
    Task<IReadOnlyList<HardwareDaySummary>> Days(string? hardware, DateOnly? from, DateOnly? to);
}
