using Orleans;
using Orleans.Runtime;

namespace SglangCi.Silo.Storage.Providers;

/// <summary>
/// Migrates the silo's database at the very first silo lifecycle stage, ahead of the ADO.NET clustering, grain storage
/// and reminder providers, which read their queries from OrleansQuery when they start.
/// </summary>
internal sealed class SchemaLifecycleParticipant(Func<CancellationToken, Task> ensureSchema) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaLifecycleParticipant), ServiceLifecycleStage.First, ensureSchema);
}
