namespace SglangCi.Silo.Storage.Migrations;

/// <summary>Where a dialect's migrations come from (embedded scripts in production, anything in tests).</summary>
public interface IMigrationSource
{
    /// <summary>All migrations of the dialect, ordered by version.</summary>
    IReadOnlyList<Migration> Load(string dialectName);
}
