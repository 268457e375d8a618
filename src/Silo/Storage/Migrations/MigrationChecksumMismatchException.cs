namespace SglangCi.Silo.Storage.Migrations;

/// <summary>
/// An applied migration's script was edited afterwards. Starting anyway would leave the database and the
/// code disagreeing about the schema, so start-up stops and says which script and what to do.
/// </summary>
public sealed class MigrationChecksumMismatchException(string dialect, string migration, string storedChecksum, string currentChecksum)
    : InvalidOperationException(
        $"Database migration {migration} ({dialect}) was changed after it was applied: the database recorded checksum " +
        $"{storedChecksum}, the build has {currentChecksum}. Restore the original script and put the change in a new migration.")
{
    public string Dialect { get; } = dialect;

    public string Migration { get; } = migration;
}
