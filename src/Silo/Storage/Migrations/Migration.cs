namespace SglangCi.Silo.Storage.Migrations;

/// <summary>One versioned schema change: <c>NNNN_name.sql</c> of one dialect.</summary>
/// <param name="Checksum">SHA-256 of the script with line endings normalized, so a checkout's CRLF does not count as a change.</param>
public sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    public string DisplayName => $"{Version:D4}_{Name}";
}
