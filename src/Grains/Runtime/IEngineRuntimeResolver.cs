using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Runtime;

/// <summary>Finds the runtime registered on this silo for a runtime kind.</summary>
public interface IEngineRuntimeResolver
{
    /// <summary>The runtime for <paramref name="kind"/>; throws with a clear message if this silo has none.</summary>
    IEngineRuntime Resolve(EngineRuntimeKind kind);
}
