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

    /// <summary>The real <c>seed-history/</c> of the shared folder.</summary>
    protected string SeedHistory => Path.Combine(Layout.SharedDirectory, "seed-history");

    public virtual Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        return Task.CompletedTask;
    }

    /// <summary>Starts the dashboard process on <see cref="DataDirectory"/>, waits for <c>/healthz</c>, and returns a CLI for its gateway.</summary>
    protected async Task<CliRunner> StartWebAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
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
