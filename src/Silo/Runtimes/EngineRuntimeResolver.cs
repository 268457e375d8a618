using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Runtimes;

/// <summary>Picks this silo's runtime for a node's runtime kind among every registered <see cref="IEngineRuntime"/>.</summary>
public sealed class EngineRuntimeResolver(IEnumerable<IEngineRuntime> runtimes) : IEngineRuntimeResolver
{
    private readonly Dictionary<EngineRuntimeKind, IEngineRuntime> _runtimes = runtimes
        .GroupBy(r => r.Kind)
        .ToDictionary(g => g.Key, g => g.Last());

    public IEngineRuntime Resolve(EngineRuntimeKind kind) =>
        _runtimes.TryGetValue(kind, out var runtime)
            ? runtime
            : throw new InvalidOperationException(
                $"this silo has no '{kind}' engine runtime (available: {(_runtimes.Count == 0 ? "none" : string.Join(", ", _runtimes.Keys))})");
}
