using SglangCi.Toolkit.History.Pd;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.Tests.History;

public sealed class PdTestSummaryParserTests
{
    private const string Root = "test/pd/pd_log";

    private static PdTestSummary Parse(string relativePath) => PdTestSummaryParser.Parse(HistorySeed.Text(relativePath), relativePath);

    [Fact]
    public void Real_accuracy_passes()
    {
        const string file = Root + "/mi35x/v0.5.3.post3-rocm700-mi35x-20251019/test_summary.txt";
        var s = Parse(file);
        Assert.Equal("v0.5.3.post3-rocm700-mi35x-20251019", s.DockerTag!.Tag); // line 4
        Assert.Equal("mi35x", s.Hardware);
        Assert.Equal("DeepSeek-R1-MXFP4-Preview", s.Model);
        Assert.Equal("/data2/models/amd-DeepSeek-R1-MXFP4-Preview", s.ModelPath);
        Assert.Equal("smci355-ccs-aus-m15-21.cs-aus.dcgpu", s.Hostname); // line 9
        Assert.Equal("10.235.26.27", s.IpAddress);
        Assert.Equal(new PdServerConfig(30025, "0-3", 4, new(file, 13)), s.Prefill);
        Assert.Equal(new PdServerConfig(30026, "4-7", 4, new(file, 14)), s.Decode);
        Assert.Equal(30028, s.LoadBalancerPort);
        Assert.Equal([("Router Startup", 10), ("Prefill Server Startup", 60), ("Decode Server Startup", 60), ("Health Check Wait", 145)], s.SetupSteps.Select(x => (x.Name, x.Seconds)));
        Assert.Equal(5, s.Tests.Count);
        Assert.Equal(new PdTestResult(1, "Health Check", PdTestStatus.Pass, 1, null, null, new(file, 26)), s.Tests[0]);
        Assert.Equal(new PdTestResult(6, "GSM8K Accuracy", PdTestStatus.Pass, 230, "0.9600", 0.96, new(file, 30)), s.Gsm8k);
        Assert.Equal(0.96, s.Gsm8kAccuracy);
        Assert.False(s.SetupFailed);
        Assert.True(s.Passed);
        Assert.Equal(PdTestStatus.Pass, s.OldLabel);

        // the oldest file's timing block: 'Total Test Runtime: 230s' (line 33), no 'Total Time (Setup + Tests)'
        Assert.Equal((230, 275, 230, 0.87, 32), (s.TotalTimeS, s.SetupTimeS, s.Gsm8kDurationS, s.Gsm8kQuestionsPerSecond, s.Gsm8kParallelism));
    }

    [Fact]
    public void Zero_accuracy_labelled_pass_is_a_failure()
    {
        const string file = Root + "/mi30x/v0.5.5.post3-rocm700-mi30x-20251121/test_summary.txt";
        var s = Parse(file);
        Assert.Equal("0.0000", s.Gsm8k!.ValueText); // line 30: 0.0000 [PASS] (606s)
        Assert.Equal(0.0, s.Gsm8kAccuracy);
        Assert.Equal(PdTestStatus.Pass, s.OldLabel);
        Assert.False(s.SetupFailed);
        Assert.False(s.Passed);
        Assert.Equal((988, 371, 606, 0.33), (s.TotalTimeS, s.SetupTimeS, s.Gsm8kDurationS, s.Gsm8kQuestionsPerSecond)); // lines 33-36
    }

    [Fact]
    public void All_pending_is_a_setup_failure()
    {
        const string file = Root + "/mi30x/v0.5.4.post1-rocm700-mi30x-20251029/test_summary.txt";
        var s = Parse(file);
        Assert.Equal(764, s.SetupSteps[3].Seconds); // line 23: Health Check Wait: 764s
        Assert.All(s.Tests, t => Assert.Equal(PdTestStatus.Pending, t.Status)); // lines 26-30
        Assert.Equal("PENDING", s.Gsm8k!.ValueText);
        Assert.Null(s.Gsm8kAccuracy);
        Assert.True(s.SetupFailed);
        Assert.False(s.Passed);
        Assert.Null(s.Gsm8kQuestionsPerSecond); // line 36: N/A
        Assert.Equal(1085, s.TotalTimeS);
    }

    [Fact]
    public void Every_seed_pd_summary_parses()
    {
        var files = HistorySeed.Files(Root, n => n == "test_summary.txt");
        Assert.Equal(57, files.Count);
        var all = files.Select(Parse).ToList();
        foreach (var (file, s) in files.Zip(all))
        {
            var folder = file.Split('/')[4];
            Assert.StartsWith(s.DockerTag!.Tag, folder, StringComparison.Ordinal); // '<tag>[_rerun…]'
            Assert.Equal(file.Split('/')[3], s.Hardware);
            Assert.Equal(4, s.SetupSteps.Count);
            Assert.Equal([1, 2, 3, 4, 6], s.Tests.Select(t => t.Number));
            Assert.NotNull(s.Hostname);
            Assert.NotNull(s.Prefill);
            Assert.NotNull(s.Decode);
        }

        // grep over the tree: 41 files with tests 1-4 PENDING, 14 GSM8K numbers of which 3 real (0.9600, 0.9450 twice) and 11 zeros, 4 of them '[PASS]'
        Assert.Equal(41, all.Count(s => s.SetupFailed));
        Assert.Equal(14, all.Count(s => s.Gsm8kAccuracy is not null));
        Assert.Equal(3, all.Count(s => s.Passed));
        Assert.Equal(4, all.Count(s => s.Gsm8kAccuracy == 0 && s.OldLabel == PdTestStatus.Pass));
        Assert.Equal(11, all.Count(s => s.Gsm8kAccuracy == 0));
    }

    [Fact]
    public void Malformed_inputs_name_file_and_line()
    {
        var notPd = Assert.Throws<OutputParseException>(() => PdTestSummaryParser.Parse("SGL Unit Test Log\n", "p/t.txt"));
        Assert.Equal(("p/t.txt", 1), (notPd.File, notPd.Line));
        var text = HistorySeed.Text(Root + "/mi30x/v0.5.5.post3-rocm700-mi30x-20251121/test_summary.txt")
            .Replace("- Test 3 - Simple Completion: PASS (7s)", "- Test 3 - Simple Completion: PASS", StringComparison.Ordinal);
        var e = Assert.Throws<OutputParseException>(() => PdTestSummaryParser.Parse(text, "p/t.txt"));
        Assert.Equal(28, e.Line);
    }
}
