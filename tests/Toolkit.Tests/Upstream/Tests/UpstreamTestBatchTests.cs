using System.Diagnostics;
using SglangCi.Toolkit.Upstream.Tests;

namespace SglangCi.Toolkit.Tests.Upstream.Tests;

/// <summary>
/// The batch script run for real by <c>/bin/sh</c> on a made-up checkout whose <c>python3</c> is a stand-in script: one
/// test passes, one fails, one hangs past its timeout, and the next still runs; the output splits back into the tests.
/// </summary>
public sealed class UpstreamTestBatchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sglci-upstream-batch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Each_test_runs_from_its_folder_under_its_own_timeout_and_a_hang_does_not_stop_the_next()
    {
        var checkout = Path.Combine(_root, "sglang");
        Directory.CreateDirectory(Path.Combine(checkout, "test", "srt", "lora"));
        Directory.CreateDirectory(Path.Combine(checkout, "test", "registered", "core"));
        var bin = Path.Combine(_root, "bin");
        Directory.CreateDirectory(bin);
        // Stands in for python3 -m unittest discover -s . -p FILE -v: says where it ran and ends as the file's name says.
        await WriteExecutableAsync(Path.Combine(bin, "python3"), """
            #!/bin/sh
            file="$7"
            echo "cwd=$(pwd) args=$*"
            case "$file" in
              *hang*) printf 'test_x (m.T.test_x) ... '; sleep 30 ;;
              *fail*) printf 'FAIL: test_x\n----------------------------------------------------------------------\nRan 1 test in 0.100s\n\nFAILED (failures=1)\n'; exit 1 ;;
              *) printf 'test_x ... ok\n\n----------------------------------------------------------------------\nRan 1 test in 0.100s\n\nOK\n' ;;
            esac
            """);
        var tests = new[] { "test_abort.py", "lora/test_fail_lora.py", "test_hang.py", "test/registered/core/test_engine.py" }
            .Select(UpstreamTestFile.Parse).ToArray();
        var batch = new UpstreamTestBatch(checkout, tests, TimeSpan.FromSeconds(1));

        var (exitCode, output) = await RunAsync(batch.ToCommand(), bin);

        Assert.Equal(0, exitCode);
        var (sections, missing) = UpstreamTestOutput.Split(output);
        Assert.Null(missing);
        Assert.Equal(["test_abort.py", "lora/test_fail_lora.py", "test_hang.py", "test/registered/core/test_engine.py"], sections.Select(s => s.Name));
        Assert.Equal([0, 1, 124, 0], sections.Select(s => s.ExitCode ?? -1));
        Assert.Contains($"cwd={checkout}/test/srt args=-m unittest discover -s . -p test_abort.py -v", sections[0].Text, StringComparison.Ordinal);
        Assert.Contains($"cwd={checkout}/test/srt/lora ", sections[1].Text, StringComparison.Ordinal);
        Assert.Contains($"cwd={checkout}/test/registered/core ", sections[3].Text, StringComparison.Ordinal);
        Assert.Contains("FAILED (failures=1)", sections[1].Text, StringComparison.Ordinal);
        Assert.True(sections[2].TimedOut(batch.PerTestTimeout), $"exit {sections[2].ExitCode} after {sections[2].Seconds} s");
        Assert.EndsWith("test_x (m.T.test_x) ... \n", sections[2].Text, StringComparison.Ordinal);
        Assert.False(sections[1].TimedOut(batch.PerTestTimeout));
        Assert.DoesNotContain(UpstreamTestMarkers.Prefix, string.Concat(sections.Select(s => s.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_checkout_is_said_once_and_nothing_runs()
    {
        var batch = new UpstreamTestBatch(Path.Combine(_root, "nowhere"), [UpstreamTestFile.Parse("test_abort.py")], TimeSpan.FromSeconds(5));

        var (exitCode, output) = await RunAsync(batch.ToCommand(), null);

        Assert.Equal(3, exitCode);
        var (sections, missing) = UpstreamTestOutput.Split(output);
        Assert.Empty(sections);
        Assert.Equal(Path.Combine(_root, "nowhere"), missing);
    }

    [Fact]
    public void The_command_reads_back_as_the_same_batch_and_other_commands_do_not()
    {
        var batch = new UpstreamTestBatch("/sgl-workspace/sglang", [UpstreamTestFile.Parse("test_a.py"), UpstreamTestFile.Parse("test/registered/b/test_b.py")], TimeSpan.FromMinutes(30));

        var parsed = UpstreamTestBatch.TryParse(batch.ToCommand());

        Assert.NotNull(parsed);
        Assert.Equal(batch.SglangPath, parsed.SglangPath);
        Assert.Equal(batch.Tests, parsed.Tests);
        Assert.Equal(batch.PerTestTimeout, parsed.PerTestTimeout);
        Assert.Null(UpstreamTestBatch.TryParse(["sh", "-c", "cd /x && python3 -m unittest test_a"]));
        Assert.Null(UpstreamTestBatch.TryParse(["python3", "-m", "unittest", "test_a"]));
    }

    [Theory]
    [InlineData("test_abort.py", "test/srt", "test_abort.py")]
    [InlineData("lora/test_lora.py", "test/srt/lora", "test_lora.py")]
    [InlineData("test/registered/core/test_abort.py", "test/registered/core", "test_abort.py")]
    public void Test_names_are_relative_to_test_srt_unless_they_start_with_test(string name, string directory, string file)
    {
        var test = UpstreamTestFile.Parse(name);

        Assert.Equal((name, directory, file), (test.Name, test.Directory, test.FileName));
    }

    [Theory]
    [InlineData("", "a test file name is empty")]
    [InlineData("test_abort", "is not a Python file")]
    [InlineData("/abs/test_a.py", "not absolute")]
    [InlineData("-rf.py", "not absolute")]
    [InlineData("a/../test_a.py", "'..'")]
    [InlineData("test_$(reboot).py", "contains '$'")]
    [InlineData("test_'a'.py", "contains '''")]
    public void Names_that_could_say_more_than_a_path_are_refused(string name, string error)
    {
        var e = Assert.Throws<ArgumentException>(() => UpstreamTestFile.Parse(name));

        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sgl/$(reboot)")]
    [InlineData("/sgl/`id`")]
    [InlineData("/sgl/\"x")]
    [InlineData("/sgl/a b")]
    [InlineData("/sgl/x\nrm -rf /")]
    [InlineData("relative/sglang")]
    public void A_checkout_path_that_could_escape_its_quotes_is_refused(string path)
    {
        var batch = new UpstreamTestBatch(path, [UpstreamTestFile.Parse("test_a.py")], TimeSpan.FromMinutes(1));

        var e = Assert.Throws<ArgumentException>(() => batch.ToCommand());
        Assert.Contains("must be an absolute path of letters, digits", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_built_around_the_parser_is_refused()
    {
        var batch = new UpstreamTestBatch("/sgl", [new UpstreamTestFile("x.py", "test/srt", "x.py'; reboot; '")], TimeSpan.FromMinutes(1));

        Assert.Throws<ArgumentException>(() => batch.ToCommand());
    }

    [Fact]
    public void An_end_marker_glued_to_a_killed_tests_last_words_still_ends_it()
    {
        var output = UpstreamTestMarkers.Begin(1, "test_a.py") + "\ntest_x (m.T.test_x) ... " + UpstreamTestMarkers.End(1, 124, 1800) + "\n";

        var section = Assert.Single(UpstreamTestOutput.Split(output).Sections);

        Assert.Equal(((int?)124, (long?)1800, "test_x (m.T.test_x) ... \n"), (section.ExitCode, section.Seconds, section.Text));
    }

    [Fact]
    public void Output_split_keeps_an_unfinished_test_and_drops_noise_outside_tests()
    {
        var output = "container noise\n" + UpstreamTestMarkers.Begin(1, "test_a.py") + "\nline a\n" + UpstreamTestMarkers.End(1, 0, 12) +
            "\nmore noise\n" + UpstreamTestMarkers.Begin(2, "test_b.py") + "\nline b\n";

        var (sections, _) = UpstreamTestOutput.Split(output);

        Assert.Equal(2, sections.Count);
        Assert.Equal((1, "test_a.py", "line a\n", (int?)0, (long?)12), (sections[0].Index, sections[0].Name, sections[0].Text, sections[0].ExitCode, sections[0].Seconds));
        Assert.Equal((2, "line b\n\n", false), (sections[1].Index, sections[1].Text, sections[1].Ended));
    }

    private static async Task WriteExecutableAsync(string path, string text)
    {
        await File.WriteAllTextAsync(path, text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> command, string? pathPrefix)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        if (pathPrefix is not null)
        {
            start.Environment["PATH"] = $"{pathPrefix}:{Environment.GetEnvironmentVariable("PATH")}";
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
