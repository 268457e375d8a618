using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Online;
using SglangCi.Toolkit.History.Records;

namespace SglangCi.Toolkit.Tests.History;

/// <summary>
/// One real result folder (Grok-1, mi30x, image 20251206), read the way the importer reads it. Expectations come
/// from the files: two timing summaries (11:45:42 PST, header only: the job died; 12:23:39 PST), host t12-38 in both,
/// five client logs of which rate 16 has no result block, a CSV whose rate-16 cells are empty, a passed GSM8K gate.
/// </summary>
public sealed class OnlineFolderReaderTests
{
    private const string Folder = "online_benchmark_log/mi30x/GROK1/v0.5.6-rocm700-mi30x-20251206_GROK1_MOE-I4F8_online";

    private static HistoryBatch Read() => OnlineFolderReader.Read(Folder, HistorySeed.Files(Folder, _ => true)
        .Select(p => new SeedFile(p, HistorySeed.Text(p))).ToList());

    [Fact]
    public void Each_timing_summary_is_one_invocation_keyed_by_host_model_mode_image_and_start()
    {
        var runs = Read().Runs.OrderBy(r => r.InvokedAt).ToList();

        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(("mi30x", "dell300x-pla-t12-38", "GROK1", "online", "v0.5.6-rocm700-mi30x-20251206"), (r.Hardware, r.Host, r.Model, r.Mode, r.Image.Tag)));
        Assert.Equal(new DateTimeOffset(2025, 12, 6, 11, 45, 42, TimeSpan.FromHours(-8)), runs[0].InvokedAt);
        Assert.Equal(new DateTimeOffset(2025, 12, 6, 12, 23, 39, TimeSpan.FromHours(-8)), runs[1].InvokedAt);
        Assert.Equal(new DateOnly(2025, 12, 6), runs[1].Image.Date);
        Assert.NotEqual(runs[0].Id, runs[1].Id);
    }

    [Fact]
    public void Client_logs_go_to_the_invocation_that_started_before_them_and_an_aborted_run_is_reported()
    {
        var batch = Read();
        var latest = batch.Runs.MaxBy(r => r.InvokedAt)!;

        Assert.Equal([1.0, 2, 4, 8], batch.ClientPoints.Select(p => p.Load).Order());
        Assert.All(batch.ClientPoints, p => Assert.Equal((latest.Id, "rate", 1, true), (p.RunId, p.LoadKind, p.Repetition, p.RunCompleted)));
        var rate4 = batch.ClientPoints.Single(p => p.Load == 4);
        Assert.Equal(20839.75, rate4.Result.E2eMs.Median); // sglang_client_log_GROK1_aiter_4_run1_20251206_122954.log: Median E2E Latency (ms): 20839.75
        Assert.Contains(batch.Issues, i => i.Path.EndsWith("sglang_client_log_GROK1_aiter_16_run1_20251206_122954.log", StringComparison.Ordinal) && !i.Rejected);
    }

    [Fact]
    public void The_csv_and_the_gate_belong_to_the_latest_invocation()
    {
        var batch = Read();
        var latest = batch.Runs.MaxBy(r => r.InvokedAt)!;
        var csv = batch.MedianPoints.Where(p => p.Origin == HistoryMedianPoint.FromCsv).OrderBy(p => p.Load).ToList();

        Assert.Equal([1.0, 2, 4, 8], csv.Select(p => p.Load));
        Assert.All(csv, p => Assert.Equal(latest.Id, p.RunId));
        Assert.Equal((16816.63, 177.94, 42.89), (csv[0].E2eMedianMs!.Value, csv[0].TtftMedianMs!.Value, csv[0].ItlMedianMs!.Value));
        var gate = Assert.Single(batch.Gates);
        Assert.Equal((latest.Id, HistoryGate.Passed, HistoryGate.MeanRule), (gate.RunId, gate.Outcome, gate.Rule));
        Assert.Equal(HistoryRun.Succeeded, latest.Status);
        Assert.Equal(HistoryRun.Failed, batch.Runs.MinBy(r => r.InvokedAt)!.Status);
    }

    [Fact]
    public void A_folder_that_is_not_a_result_folder_is_reported_not_guessed()
    {
        var batch = OnlineFolderReader.Read("online_benchmark_log/mi30x/DeepSeek-V3-0324/test_dp4_torch_compile_no_cudagraph", []);

        Assert.Empty(batch.Runs);
        var issue = Assert.Single(batch.Issues);
        Assert.False(issue.Rejected);
        Assert.Contains("meaning is unclear", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_named_in_the_timing_summary_win_over_a_misleading_folder_name()
    {
        // mi35x folders named DeepSeek-V3-0324 ran DeepSeek-R1-MXFP4 weights (Model: /data/models/amd-DeepSeek-R1-MXFP4-Preview).
        const string folder = "online_benchmark_log/mi35x/DeepSeek-R1-MXFP4-Preview";
        var misnamed = Directory.EnumerateDirectories(Path.Combine(TestPaths.SeedHistory, folder))
            .Select(d => Path.GetRelativePath(TestPaths.SeedHistory, d).Replace('\\', '/'))
            .First(d => d.Contains("_DeepSeek-V3-0324_FP8_online_torch_compile", StringComparison.Ordinal));
        var batch = OnlineFolderReader.Read(misnamed, HistorySeed.Files(misnamed, _ => true).Select(p => new SeedFile(p, HistorySeed.Text(p))).ToList());

        Assert.NotEmpty(batch.Runs);
        Assert.All(batch.Runs, r => Assert.Equal("DeepSeek-R1-MXFP4-Preview", r.Model));
    }
}
