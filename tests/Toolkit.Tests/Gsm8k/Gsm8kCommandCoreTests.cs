using System.Text.Json;
using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Tests.Gsm8k;

/// <summary>The core of <c>sglang-ci gsm8k</c> against the real simulated engine.</summary>
public sealed class Gsm8kCommandCoreTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Answers = new(() => Gsm8kAnswerFile.Load(TestPaths.Gsm8kTestFile));

    [Fact]
    public async Task CertainModel_ScoresOne_AndPrintsTheFourLines()
    {
        await using var server = await SimulatedEngineServer.StartAsync(new SimulatedEngineOptions
        {
            Gsm8kAnswers = Answers.Value,
            Gsm8kAccuracy = 1.0,
        });
        await server.WhenReady;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var dataset = await Gsm8kCommandCore.LoadDatasetAsync(http, TestPaths.Gsm8kTestFile, cacheDirectory: null, deadline.Token);
        var finished = 0;
        var outcome = await Gsm8kCommandCore.RunAsync(
            http, dataset, new Gsm8kOptions(server.BaseUrl, NumQuestions: 40, Parallel: 8),
            new SynchronousProgress(n => Interlocked.Exchange(ref finished, Math.Max(finished, n))), deadline.Token);

        Assert.False(outcome.AllFailed);
        Assert.Equal(1.0, outcome.Result.Accuracy);
        Assert.Equal(0.0, outcome.Result.Invalid);
        Assert.Equal(40, outcome.Result.Questions);
        Assert.Equal(40, finished);

        var lines = Gsm8kReport.Format(outcome.Result).Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("Accuracy: 1.000", lines[0]);
        Assert.Equal("Invalid: 0.000", lines[1]);
        Assert.Matches(@"^Latency: \d+\.\d{3} s$", lines[2]);
        Assert.Matches(@"^Output throughput: \d+\.\d{3} token/s$", lines[3]);

        var json = JsonSerializer.Serialize(Gsm8kCommandCore.ToJson(outcome.Result), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(
            ["accuracy", "invalid", "latencyS", "outputThroughput", "questions", "failed"],
            doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(1.0, doc.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal(0, doc.RootElement.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task UnreachableServer_FailsEveryRequest_AndIsReportedAsAllFailed()
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var dataset = Gsm8kDataset.Load(TestPaths.Gsm8kTestFile);

        // Port 9 (discard) on loopback has no listener: every connection is refused at once.
        var outcome = await Gsm8kCommandCore.RunAsync(
            http, dataset, new Gsm8kOptions(new Uri("http://127.0.0.1:9"), NumQuestions: 5, Parallel: 5) { RequestTimeout = TimeSpan.FromSeconds(10) },
            progress: null, CancellationToken.None);

        Assert.True(outcome.AllFailed);
        Assert.Equal(5, outcome.Result.Failed);
        Assert.NotNull(outcome.Result.FirstError);
    }

    [Fact]
    public void DefaultCacheDirectory_IsUnderTheUsersCache_OrTheDataDir()
    {
        var configured = Environment.GetEnvironmentVariable(Gsm8kCommandCore.DataDirectoryVariable);
        var expected = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sglang-ci")
            : Path.GetFullPath(configured.Trim());

        Assert.Equal(expected, Gsm8kCommandCore.DefaultCacheDirectory());
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
