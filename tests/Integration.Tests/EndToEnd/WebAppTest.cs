using Microsoft.Data.Sqlite;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// What every end-to-end test of the dashboard process shares: a fresh data directory, an HTTP client, the process
/// itself (started on demand, possibly again after a kill) and a CLI pointed at its gateway; all cleaned up after.
/// </summary>
public abstract class WebAppTest : IAsyncLifetime
{
    protected static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Settings that keep the first start from running a night, for tests that bring their own data.</summary>
    protected static readonly IReadOnlyDictionary<string, string> NoFirstNight = new Dictionary<string, string>
    {
        ["SglangCi__FirstStart__RunNight"] = "false",
    };

    protected RepositoryLayout Layout { get; } = RepositoryLayout.Discover();

    protected string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "sglci-e2e-" + Guid.NewGuid().ToString("N"));

    protected HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    protected WebAppProcess? Web { get; private set; }

    /// <summary>The app's SQLite file in <see cref="DataDirectory"/> (the default <c>SglangCi:Storage:SqliteFileName</c>).</summary>
    protected string DatabaseFile => Path.Combine(DataDirectory, "sglang-ci.db");

    /// <summary>The real <c>seed-history/</c> of the shared folder.</summary>
    protected string SeedHistory => Path.Combine(Layout.SharedDirectory, "seed-history");

    public virtual Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Imports a seed tree into the app's database before the app starts, as
    /// <c>sglang-ci import seed-logs DIR --db FILE</c> would; returns the database for reading expectations back.
    /// </summary>
    protected async Task<IResultsDatabase> ImportBeforeStartAsync(string seedRoot)
    {
        Assert.True(Directory.Exists(seedRoot), $"the seed history is missing at {seedRoot}");
        var database = new SqliteResultsDatabase(new SqliteStorageInitializer(SqliteConnectionStrings.ForFile(DatabaseFile)));
        var report = await new SeedLogImporter(database).ImportAsync(seedRoot, force: false, progress: null, CancellationToken.None);
        Assert.True(report.Imported > 0, $"nothing imported: {string.Join("; ", report.Issues)}");
        return database;
    }

    /// <summary>Starts the dashboard process on <see cref="DataDirectory"/>, waits for <c>/healthz</c>, and returns a CLI for its gateway.</summary>
    protected async Task<CliRunner> StartWebAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        // This process's pooled connections to the data directory's file are not the app's business.
        SqliteConnection.ClearAllPools();
        Web = WebAppProcess.Start(Layout.WebAssembly, DataDirectory, Layout.Gsm8kDataset, settings);
        Assert.True(await Web.WaitHealthyAsync(Http, HealthTimeout), $"/healthz did not answer 200 within {HealthTimeout}:\n{Web.CapturedOutput}");
        return new CliRunner(Layout.CliAssembly, Web.GatewayPort);
    }

    public virtual async Task DisposeAsync()
    {
        if (Web is not null)
        {
            await Web.DisposeAsync();
        }

        Http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file still held open by a dying child; the OS temp cleaner gets it.
        }
    }
}
