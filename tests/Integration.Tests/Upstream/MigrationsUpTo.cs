using SglangCi.Silo.Storage.Migrations;

namespace SglangCi.Integration.Tests.Upstream;

/// <summary>The embedded migrations up to a version: a database as an older release left it, for testing the next migration on data.</summary>
public sealed class MigrationsUpTo(int lastVersion) : IMigrationSource
{
    public IReadOnlyList<Migration> Load(string dialectName) =>
        EmbeddedMigrationSource.Instance.Load(dialectName).Where(m => m.Version <= lastVersion).ToList();
}
