using SglangCi.Toolkit.Parsing.UnitTests;

namespace SglangCi.SimulatedEngine.Cli;

/// <summary>
/// <c>sglang-sim unit-test -m unittest|pytest ARGS…</c>: what <c>python3 -m unittest …</c> prints in the simulated image
/// (the Docker test image's <c>python3</c> maps onto it), ending as <c>SGLCI_SIM_UNITTEST</c> and
/// <c>SGLCI_SIM_UNITTEST_BY_MODULE</c> in the environment say. A hanging test sleeps until something kills it, as a hung
/// test does.
/// </summary>
public static class UnitTestCli
{
    public const string Name = "unit-test";

    public static int Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var command = TestCommand.TryParse(["python3", .. args]);
        if (command is null)
        {
            stderr.WriteLine($"sglang-sim {Name}: expected '-m unittest ARGS' or '-m pytest ARGS', got '{string.Join(' ', args)}'");
            return 2;
        }

        SimulatedFaults faults;
        try
        {
            faults = FaultsFrom(environment);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"sglang-sim {Name}: {e.Message}");
            return 2;
        }

        if (faults.UnitTestFor(command) == SimulatedUnitTestFault.Hang)
        {
            // As unittest -v does: the test's name, then nothing more (no newline) until something kills it.
            stdout.Write(UnitTestOutputWriter.HangingLine(command));
            stdout.Flush();
            Thread.Sleep(Timeout.Infinite);
        }

        var output = UnitTestOutputWriter.Write(new SimulatedEngineOptions { Faults = faults }, command);
        stdout.Write(output.Text);
        return output.ExitCode;
    }

    private static SimulatedFaults FaultsFrom(IReadOnlyDictionary<string, string?> environment)
    {
        var faults = new SimulatedFaults();
        if (environment.GetValueOrDefault("SGLCI_SIM_UNITTEST") is { Length: > 0 } one)
        {
            faults = faults with { UnitTest = UnitTestFaultText.ParseOne(one) ?? throw Invalid("SGLCI_SIM_UNITTEST", one, UnitTestFaultText.OneExpected) };
        }

        if (environment.GetValueOrDefault("SGLCI_SIM_UNITTEST_BY_MODULE") is { Length: > 0 } byModule)
        {
            faults = faults with
            {
                UnitTestByModule = UnitTestFaultText.ParseByModule(byModule) ?? throw Invalid("SGLCI_SIM_UNITTEST_BY_MODULE", byModule, UnitTestFaultText.ByModuleExpected),
            };
        }

        return faults;
    }

    private static ArgumentException Invalid(string name, string value, string expected) => new($"{name}='{value}' is not {expected}");
}
