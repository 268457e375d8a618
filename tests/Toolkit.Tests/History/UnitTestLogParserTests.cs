using SglangCi.Toolkit.History.UnitTests;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.Tests.History;

public sealed class UnitTestLogParserTests
{
    private const string Root = "test/unit-test-backend-8-gpu-CAR-amd";

    private static UnitTestRun Parse(string relativePath) =>
        UnitTestLogParser.Parse(HistorySeed.Text(relativePath), relativePath, HistorySeed.Tag(Path.GetFileNameWithoutExtension(relativePath)));

    [Fact]
    public void Passed_run_with_machine_line()
    {
        const string file = Root + "/mi35x/v0.5.6.post1-rocm700-mi35x-20251209.log";
        var r = Parse(file);
        Assert.Equal("test_custom_allreduce.TestCustomAllReduce", r.TestName); // line 4
        Assert.Equal("v0.5.6.post1-rocm700-mi35x-20251209", r.Image.Tag); // line 5
        Assert.Equal("sgl-dev_v0.5.6.post1-rocm700-mi35x-20251209", r.Container);
        Assert.Equal("mi35x", r.Hardware);
        Assert.Equal("smci355-ccs-aus-m12-33", r.Machine); // line 8
        Assert.Equal(new DateTimeOffset(2025, 12, 9, 10, 4, 17, TimeSpan.FromHours(-6)), r.StartedAt); // line 9, CST
        Assert.Equal(new DateTimeOffset(2025, 12, 9, 10, 7, 25, TimeSpan.FromHours(-6)), r.EndedAt); // line 308
        Assert.Equal("/sgl-workspace/sglang/test/manual", r.TestDirectory);
        Assert.Equal("CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7 python3 -m unittest test_custom_allreduce.TestCustomAllReduce", r.Command);
        Assert.Equal(2, r.TestsRan); // line 276: Ran 2 tests in 183.519s
        Assert.Equal(183.519, r.DurationS);
        Assert.Equal(new UnitTestVerdict(true, null, null, null, null, null, "OK", new(file, 278)), r.Verdict);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(UnitTestResult.Passed, r.Result);
        Assert.Equal("PASSED", r.ResultLabel);
        Assert.Equal(new SglangCi.Toolkit.History.SourceRef(file, 310), r.ResultSource);
    }

    [Fact]
    public void Failed_run_with_unittest_errors_and_no_machine_line()
    {
        const string file = Root + "/mi30x/v0.5.4.post3-rocm630-mi30x-20251105.log";
        var r = Parse(file);
        Assert.Null(r.Machine);
        Assert.Equal("/sgl-workspace/sglang/test/srt", r.TestDirectory); // line 9
        Assert.Equal(new DateTimeOffset(2025, 11, 6, 10, 56, 2, TimeSpan.FromHours(-6)), r.StartedAt); // line 8, a day after the image date
        Assert.Equal(11.642, r.DurationS); // line 193
        Assert.False(r.Verdict!.Ok);
        Assert.Equal(2, r.Verdict.Errors); // line 195: FAILED (errors=2)
        Assert.Null(r.Verdict.Failures);
        Assert.Equal(195, r.Verdict.Source.Line);
        Assert.Equal((1, UnitTestResult.Failed, 217), (r.ExitCode, r.Result, r.ResultSource.Line));
    }

    [Fact]
    public void Exit_137_is_killed_without_a_unittest_verdict()
    {
        const string file = Root + "/mi35x/v0.5.3.post2-rocm700-mi35x-20251016.log";
        var r = Parse(file);
        Assert.Equal(new DateTimeOffset(2025, 10, 16, 10, 14, 52, TimeSpan.FromHours(-5)), r.StartedAt); // line 8, CDT
        Assert.Null(r.TestsRan);
        Assert.Null(r.DurationS);
        Assert.Null(r.Verdict);
        Assert.Equal(137, r.ExitCode); // line 57
        Assert.Equal(UnitTestResult.Killed, r.Result);
        Assert.Equal("FAILED", r.ResultLabel); // line 58
    }

    [Fact]
    public void Rc_suffix_is_kept_in_the_image_text()
    {
        const string file = Root + "/mi35x/v0.5.3rc0-rocm700-mi35x-20251003-RC.log";
        var r = Parse(file);
        Assert.Equal("rocm/sgl-dev:v0.5.3rc0-rocm700-mi35x-20251003-RC", r.ImageText); // line 5
        Assert.Equal("v0.5.3rc0-rocm700-mi35x-20251003-RC", r.Image.Tag); // a release candidate is not that day's nightly
        Assert.Equal(new DateOnly(2025, 10, 3), r.Image.Date);
    }

    [Fact]
    public void Every_seed_unit_log_has_a_result()
    {
        var files = HistorySeed.Files(Root, n => n.EndsWith(".log", StringComparison.Ordinal));
        Assert.Equal(122, files.Count);
        var runs = files.Select(Parse).ToList();
        foreach (var (file, r) in files.Zip(runs))
        {
            var hardware = file.Split('/')[2];
            Assert.Equal(hardware, r.Hardware);
            Assert.Equal("rocm/sgl-dev:" + Path.GetFileNameWithoutExtension(file), r.ImageText); // the file name is the image tag
            Assert.StartsWith(r.Image.Tag, Path.GetFileName(file), StringComparison.Ordinal);
            Assert.True(r.StartedAt is not null && r.EndedAt is not null && r.EndedAt >= r.StartedAt, file);
            Assert.Equal(r.Result == UnitTestResult.Passed, r.ResultLabel == "PASSED");
            Assert.True(r.Result == UnitTestResult.Killed || r.TestsRan == 2, $"{file}: ran {r.TestsRan}");
            Assert.True(r.Result == UnitTestResult.Killed || r.Verdict is not null, file);
            if (r.Verdict is { } v)
            {
                Assert.Equal(r.Result == UnitTestResult.Passed, v.Ok);
            }
        }

        // grep over the tree: 104 'Result: PASSED', 15 'Exit code: 1', 3 'Exit code: 137'
        Assert.Equal(104, runs.Count(r => r.Result == UnitTestResult.Passed));
        Assert.Equal(15, runs.Count(r => r.Result == UnitTestResult.Failed));
        Assert.Equal(3, runs.Count(r => r.Result == UnitTestResult.Killed));
        Assert.Equal(8, runs.Count(r => r.Machine is not null));
    }

    [Fact]
    public void Missing_header_or_footer_is_rejected_with_file_and_line()
    {
        var tag = HistorySeed.Tag("v0.5.6-rocm700-mi30x-20251208");
        var noHeader = Assert.Throws<OutputParseException>(() => UnitTestLogParser.Parse("Ran 2 tests in 1.0s\n\nOK\n", "u/x.log", tag));
        Assert.Equal(("u/x.log", 1), (noHeader.File, noHeader.Line));

        var full = HistorySeed.Text(Root + "/mi35x/v0.5.6.post1-rocm700-mi35x-20251209.log");
        var cut = full[..full.IndexOf("Exit code:", StringComparison.Ordinal)];
        var noFooter = Assert.Throws<OutputParseException>(() => UnitTestLogParser.Parse(cut, "u/x.log", tag));
        Assert.Equal(308, noFooter.Line); // the last line left: 'End time:'
        Assert.Contains("Exit code", noFooter.Expected, StringComparison.Ordinal);

        var badExit = full.Replace("Exit code: 0", "Exit code: zero", StringComparison.Ordinal);
        Assert.Equal(309, Assert.Throws<OutputParseException>(() => UnitTestLogParser.Parse(badExit, "u/x.log", tag)).Line);
    }
}
