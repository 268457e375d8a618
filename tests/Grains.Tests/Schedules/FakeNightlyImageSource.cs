using SglangCi.Grains.Schedules;
using ToolkitQuery = SglangCi.Toolkit.Images.NightlyImageQuery;

namespace SglangCi.Grains.Tests.Schedules;

/// <summary>A registry holding the given (hardware, night, ROCm) images; it searches them in the toolkit finder's candidate order.</summary>
public sealed class FakeNightlyImageSource : INightlyImageSource
{
    private readonly HashSet<(string Hardware, DateOnly Date, string Rocm)> _published = [];

    public int Lookups { get; private set; }

    public Exception? Failure { get; init; }

    public static string Image(string hardware, DateOnly date, string rocm) => $"rocm/sgl-dev:v0.5.6-{rocm}-{hardware}-{date:yyyyMMdd}";

    public FakeNightlyImageSource Publish(string hardware, DateOnly date, string rocm)
    {
        _published.Add((hardware, date, rocm));
        return this;
    }

    public Task<NightlyImageLookup> FindAsync(NightlyImageRequest request, CancellationToken cancellationToken)
    {
        Lookups++;
        if (Failure is not null)
        {
            throw Failure;
        }

        var tried = new List<string>();
        foreach (var candidate in ToolkitQuery.For(request.Hardware, request.Today, request.RocmBuilds, request.Nights).Candidates())
        {
            tried.Add($"{candidate.Date:yyyy-MM-dd} {candidate.Rocm}");
            if (_published.Contains((request.Hardware, candidate.Date, candidate.Rocm)))
            {
                return Task.FromResult(new NightlyImageLookup(Image(request.Hardware, candidate.Date, candidate.Rocm), candidate.Date, candidate.Rocm, tried));
            }
        }

        return Task.FromResult(new NightlyImageLookup(null, null, null, tried));
    }
}
