using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Cron;
using SglangCi.Toolkit.History.Records;

namespace SglangCi.Toolkit.Tests.History;

/// <summary>Benchmark cron logs, the fallback for nights whose result folder was never uploaded, on real files.</summary>
public sealed class CronJobLogReaderTests
{
    private static HistoryBatch Read(string path) => CronJobLogReader.Read(new SeedFile(path, HistorySeed.Text(path)));

    [Fact]
    public void An_invocation_takes_its_image_machine_and_start_and_its_updating_csv_lines()
    {
        // Image date 20251006 ran from the 20251007 cron folder (a day later): the image date comes from the tag.
        var batch = Read("cron_log/mi30x/20251007/grok_nightly.log");

        var run = Assert.Single(batch.WeakRuns);
        Assert.Equal(("mi30x", "dell300x-pla-t10-23", "GROK1", "online", new DateOnly(2025, 10, 6)), (run.Hardware, run.Host, run.Model, run.Mode, run.Image.Date));
        Assert.Equal(new DateTimeOffset(2025, 10, 7, 6, 0, 38, TimeSpan.FromHours(-7)), run.InvokedAt); // line 52, PDT
        Assert.True(run.FinishedAt > run.InvokedAt, "the last 'Run completed at:' of the invocation is its end");
        var rate8 = batch.MedianPoints.Single(p => p.Load == 8);
        Assert.Equal((HistoryMedianPoint.FromCronLog, 24461.81, 150.65, 27.85, 723), (rate8.Origin, rate8.E2eMedianMs!.Value, rate8.TtftMedianMs!.Value, rate8.ItlMedianMs!.Value, rate8.Source.Line));
        Assert.All(batch.MedianPoints, p => Assert.Equal(run.Id, p.RunId));
    }

    [Fact]
    public void The_mode_comes_from_the_result_folder_the_log_names_not_from_the_job_name()
    {
        // "DP test implies MTP test": this dp_test job wrote into the …_online_dp_attention_mtp_test folder.
        var run = Assert.Single(Read("cron_log/mi35x/20251009/deepseek_r1_mxfp4_dp_test.log").WeakRuns);

        Assert.Equal(("DeepSeek-R1-MXFP4-Preview", "online_dp_attention_mtp_test"), (run.Model, run.Mode));
    }

    [Fact]
    public void The_weights_path_decides_the_model_when_the_folder_name_says_otherwise()
    {
        // --model-path=/data/models/amd-DeepSeek-R1-MXFP4-Preview, result folder …_DeepSeek-V3-0324_FP8_online.
        var run = Assert.Single(Read("cron_log/mi35x/20251009/deepseek_nightly_online.log").WeakRuns);

        Assert.Equal("DeepSeek-R1-MXFP4-Preview", run.Model);
    }

    [Fact]
    public void Other_jobs_are_not_benchmark_logs()
    {
        Assert.Null(CronJobNames.BenchmarkJob("sanity_check_nightly.log"));
        Assert.Equal("online_dp_attention_torch_compile", CronJobNames.BenchmarkJob("deepseek_dp_attention_torch_compile.log")!.Value.Mode);
        Assert.Equal("GROK1", CronJobNames.BenchmarkJob("grok_nightly_rerun.log")!.Value.Model);
        Assert.Equal("GROK2", CronJobNames.BenchmarkJob("grok2_nightly_online.log.failed_120501")!.Value.Model);
    }
}
