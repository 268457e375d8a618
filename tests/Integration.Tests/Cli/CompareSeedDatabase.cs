using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Storage;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Cli;

/// <summary>
/// The log tree of the shared <c>seed-history/</c> imported once into a fresh SQLite file (seconds: the old database is
/// not needed), and two consecutive GROK1 nights on one mi30x host that both have client logs and a GSM8K gate with
/// trials — a pair with every part of a comparison.
/// </summary>
public sealed class CompareSeedDatabase : IAsyncLifetime
{
    private const string PairQuery = """
        SELECT r.id FROM runs r
        WHERE r.model = 'GROK1' AND r.hardware = 'mi30x' AND r.host = 'dell300x-pla-t10-23' AND r.image_date = '{0}'
          AND EXISTS (SELECT 1 FROM benchmark_points b WHERE b.run_id = r.id)
          AND EXISTS (SELECT 1 FROM gsm8k_trials t WHERE t.run_id = r.id)
        ORDER BY r.id LIMIT 1
        """;

    private readonly TempSqliteFile _db = new();

    public string DatabasePath => _db.Path;

    /// <summary>The run of 2025-11-30: the one judged.</summary>
    public string RunA { get; private set; } = "";

    /// <summary>The run of 2025-11-29, the night before on the same host: the baseline, and A's automatic B.</summary>
    public string RunB { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var seed = Path.Combine(RepositoryLayout.Discover().SharedDirectory, "seed-history");
        Assert.True(Directory.Exists(seed), $"seed-history not found at {seed} (set SGLCI_SHARED_DIR)");
        var database = new SqliteResultsDatabase(new SqliteStorageInitializer(_db.ConnectionString));
        await new SeedLogImporter(database).ImportAsync(seed, force: false, progress: null, CancellationToken.None);
        RunA = await _db.ScalarAsync<string>(string.Format(System.Globalization.CultureInfo.InvariantCulture, PairQuery, "2025-11-30")) ?? "";
        RunB = await _db.ScalarAsync<string>(string.Format(System.Globalization.CultureInfo.InvariantCulture, PairQuery, "2025-11-29")) ?? "";
        Assert.False(string.IsNullOrEmpty(RunA) || string.IsNullOrEmpty(RunB), "the seed history has no GROK1 mi30x pair of 2025-11-29/30 with gates");
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }
}
