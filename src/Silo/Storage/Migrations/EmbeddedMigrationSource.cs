using System.Reflection;
using System.Text.RegularExpressions;

namespace SglangCi.Silo.Storage.Migrations;

/// <summary>
/// Reads the scripts compiled into this assembly from <c>Storage/Sql/&lt;dialect&gt;/NNNN_name.sql</c>.
/// </summary>
public sealed partial class EmbeddedMigrationSource : IMigrationSource
{
    public static EmbeddedMigrationSource Instance { get; } = new(typeof(EmbeddedMigrationSource).Assembly);

    private readonly Assembly _assembly;

    public EmbeddedMigrationSource(Assembly assembly) => _assembly = assembly;

    public IReadOnlyList<Migration> Load(string dialectName)
    {
        // Manifest names are the root namespace plus the path with '.' for '/', e.g.
        // SglangCi.Silo.Storage.Sql.sqlite.0001_orleans.sql; matching on the folder part keeps this
        // independent of the root namespace.
        var marker = $".Storage.Sql.{dialectName}.";
        var migrations = new List<Migration>();
        foreach (var resource in _assembly.GetManifestResourceNames())
        {
            var at = resource.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var fileName = resource[(at + marker.Length)..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Embedded migration '{fileName}' ({dialectName}) is not named NNNN_name.sql (four digits, lower-case name).");
            }

            using var stream = _assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded migration resource '{resource}' could not be opened.");
            using var reader = new StreamReader(stream);
            var sql = reader.ReadToEnd();
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value, sql, MigrationChecksum.Compute(sql)));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two {dialectName} migrations share version {duplicate.Key:D4}: {string.Join(", ", duplicate.Select(m => m.DisplayName))}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
