using Orleans;
using Orleans.Runtime;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Silo.Storage.Providers;

/// <summary>
/// Migrates the SQLite file at the very first silo lifecycle stage, ahead of the ADO.NET grain storage
/// (ApplicationServices) and the reminder table, which read their queries from OrleansQuery on start.
/// </summary>
internal sealed class SqliteStorageLifecycleParticipant(SqliteStorageInitializer initializer) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteStorageLifecycleParticipant), ServiceLifecycleStage.First, initializer.EnsureInitializedAsync);
}
