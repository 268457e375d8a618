using System.Text;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.Parsing.UnitTests;
using SglangCi.Toolkit.Upstream.Tests;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>
/// An upstream test batch "in the engine": each test prints what <c>python3 -m unittest discover -p FILE</c> would (see
/// <see cref="UnitTestOutputWriter"/>, one module's fault by <c>SGLCI_SIM_UNITTEST_BY_MODULE</c>), framed by the batch's
/// markers as the real script frames it. A hanging test really waits out its timeout and ends as <c>timeout</c> ends it.
/// </summary>
public sealed partial class SimulatedEngineRuntime
{
    /// <summary>What <c>timeout</c> exits with when its TERM stopped the test.</summary>
    private const int TimedOutExitCode = 124;

    private async Task<EngineCommandResult> RunTestBatchAsync(EngineLaunch launch, UpstreamTestBatch batch, string logPath, CancellationToken ct)
    {
        var options = SimulatedLaunchOverrides.Apply(BaseOptions(), launch);
        var output = new StringBuilder();
        foreach (var (test, index) in batch.Tests.Select((t, i) => (t, i + 1)))
        {
            output.Append(UpstreamTestMarkers.Begin(index, test.Name)).Append('\n');
            var command = new TestCommand(TestRunner.Unittest, [test.FileName], new Dictionary<string, string>());
            int exitCode;
            long seconds;
            if (options.Faults.UnitTestFor(command) == SimulatedUnitTestFault.Hang)
            {
                // unittest -v names the test, then hangs in it: no newline until the batch's own echo.
                output.Append(UnitTestOutputWriter.HangingLine(command)).Append('\n');
                await Task.Delay(batch.PerTestTimeout, ct);
                (exitCode, seconds) = (TimedOutExitCode, (long)Math.Ceiling(batch.PerTestTimeout.TotalSeconds));
            }
            else
            {
                var result = UnitTestOutputWriter.Write(options, command);
                output.Append(result.Text);
                (exitCode, seconds) = (result.ExitCode, SecondsOf(result.Text));
            }

            output.Append(UpstreamTestMarkers.End(index, exitCode, seconds)).Append('\n');
        }

        return new EngineCommandResult(0, await WriteMaskedLogAsync(logPath, output.ToString(), ct));
    }

    /// <summary>The time unittest's summary says it ran (<c>Ran 2 tests in 38.112s</c>), whole seconds; 0 without one.</summary>
    private static long SecondsOf(string unittestOutput) =>
        TestRunSummaryParser.Parse(unittestOutput, "simulated") is { } summary ? (long)Math.Round(summary.DurationS) : 0;
}
