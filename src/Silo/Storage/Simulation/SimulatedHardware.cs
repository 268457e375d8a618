namespace SglangCi.Silo.Storage.Simulation;

/// <summary>
/// How a simulated hardware kind behaves: the preset plans it borrows (<see cref="Family"/>, a hardware key of
/// <c>deploy/presets</c>), how fast it is against that family (latency multiplier), how soon it saturates under
/// request-rate load, its two hosts and when its night starts (UTC, the day after the image date).
/// </summary>
internal sealed record SimulatedHardware(string Name, string Family, double Latency, double Saturation, IReadOnlyList<string> Hosts, TimeSpan NightStart)
{
    /// <summary>The profile of <paramref name="name"/>; kinds not known here alternate between the two families.</summary>
    public static SimulatedHardware For(string name, int index)
    {
        var start = TimeSpan.FromMinutes(30 + (15 * index));
        string[] hosts = [$"{name}-sim-01", $"{name}-sim-02"];
        return name switch
        {
            "mi30x" => new(name, "mi30x", 1.0, 0.0008, hosts, start),
            "mi325x" => new(name, "mi30x", 0.88, 0.0007, hosts, start),
            "mi35x" => new(name, "mi35x", 1.0, 0.0035, hosts, start),
            "mi350x" => new(name, "mi35x", 1.08, 0.004, hosts, start),
            _ => new(name, index % 2 == 0 ? "mi30x" : "mi35x", 1.0, 0.0015, hosts, start),
        };
    }
}
