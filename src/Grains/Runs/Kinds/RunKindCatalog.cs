using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// Which <see cref="IRunKind"/> does the work of each <see cref="RunMode"/>: the built-in kinds that need nothing but the
/// node, plus the kinds registered in DI that need services of the silo (a downloader, the runtime's housekeeping, the
/// registry). A registered kind replaces a built-in one of the same mode.
/// </summary>
public sealed class RunKindCatalog
{
    private readonly Dictionary<RunMode, IRunKind> _kinds;

    public RunKindCatalog(IEnumerable<IRunKind> registered)
    {
        _kinds = BuiltIn().ToDictionary(k => k.Mode);
        foreach (var kind in registered)
        {
            _kinds[kind.Mode] = kind;
        }
    }

    public static RunKindCatalog Default { get; } = new([]);

    public IRunKind For(RunMode mode) =>
        _kinds.TryGetValue(mode, out var kind) ? kind
        : throw new RunFailedException($"this silo cannot run '{mode.WireName()}' jobs (no such run kind is registered here)");

    public bool Supports(RunMode mode) => _kinds.ContainsKey(mode);

    private static IEnumerable<IRunKind> BuiltIn() =>
    [
        new OnlineBenchmarkKind(),
        new OfflineBenchmarkKind(),
        new SanityCheckKind(),
        new UnitTestKind(),
        new PdDisaggregationKind(),
        new PrImageKind(),
        new UpstreamTestKind(),
    ];
}
