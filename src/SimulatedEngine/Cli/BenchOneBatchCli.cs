namespace SglangCi.SimulatedEngine.Cli;

/// <summary>
/// <c>sglang-sim bench-one-batch [--batch-size B...] [--input-len I...] [--output-len O...] [simulator options]</c>:
/// prints what <c>python -m sglang.bench_one_batch</c> would print against the simulator's latency model (see
/// <see cref="OneBatchOutputWriter"/>), so the offline path can be tried without a GPU.
/// </summary>
internal static class BenchOneBatchCli
{
    public const string Name = "bench-one-batch";

    private static readonly HashSet<string> SweepFlags = new(StringComparer.Ordinal)
    {
        "--batch-size", "--batch_size", "--input-len", "--input_len", "--output-len", "--output_len",
    };

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var sweep = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i].Split('=', 2)[0];
            if (!SweepFlags.Contains(flag))
            {
                rest.Add(args[i]);
                continue;
            }

            sweep.Add(args[i]);
            while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                sweep.Add(args[++i]);
            }
        }

        try
        {
            var options = SimulatorCommandLine.Parse(rest).Options;
            var command = OneBatchCommand.TryParse(["python3", "-m", "sglang.bench_one_batch", "--model-path", options.ModelPath, .. sweep])!;
            stdout.Write(OneBatchOutputWriter.Write(options, command));
            return 0;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            stderr.WriteLine($"sglang-sim {Name}: {e.Message}");
            return 2;
        }
    }
}
