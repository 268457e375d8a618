using System.Globalization;

namespace SglangCi.SimulatedEngine.Cli;

/// <summary>
/// The <c>sglang-sim</c> command line. Flags mirror <c>python -m sglang.launch_server</c> where one exists
/// (<c>--host</c>, <c>--port</c>, <c>--model-path</c>, <c>--max-running-requests</c>, …) so a runtime can
/// launch the simulator with the same arguments it would give SGLang; SGLang flags the simulator does not
/// model are accepted, echoed in <c>/get_server_info</c> and otherwise ignored.
/// </summary>
internal sealed record SimulatorCommandLine(SimulatedEngineOptions Options, string Host, int Port, string? Gsm8kPath, bool ShowHelp, IReadOnlyList<string> Ignored)
{
    public const string Usage = """
        sglang-sim: a simulated SGLang server (no GPU) with SGLang's HTTP API and a latency model.

        Usage: sglang-sim [options]
               sglang-sim bench-one-batch [--batch-size B...] [--input-len I...] [--output-len O...] [options]
                 (prints python -m sglang.bench_one_batch output from the latency model)

          --host HOST                     bind address (default 127.0.0.1)
          --port PORT                     port (default 30000; 0 picks a free one)
          --model-path, --model PATH      model path reported by the server (default /models/simulated)
          --served-model-name NAME        model id in /v1/models (default: the model path)
          --gsm8k-path FILE.jsonl         GSM8K items {"question","answer"} the engine can answer
          --accuracy P                    probability a known GSM8K answer is right (default 0.95)
          --prefill-ms-per-token X        prefill cost per input token in ms (default 0.02)
          --prefill-base-ms X             fixed prefill step cost in ms (default 2)
          --decode-step-ms Y              fixed decode step cost in ms (default 4)
          --decode-ms-per-request Y       extra decode step cost per running request in ms (default 0.05)
          --max-running-requests N        largest running batch (default 256)
          --context-length N              maximum context length (default 32768)
          --startup-delay-s S             seconds before the server reports healthy (default 0)
          --seed N                        seed for all random choices (default 1)
          --fail-startup                  fault: never become ready, exit with code 1
          --error-rate P                  fault: fraction of requests answered HTTP 500
          --stall-after-tokens N          fault: streams stop after N tokens
          --crash-after-requests N        fault: crash (exit code 1) on request N+1
          --help                          show this text

        Other SGLang launch flags (e.g. --tp 8, --attention-backend aiter) are accepted and reported
        in /get_server_info. On ready the server prints: The server is fired up and ready to roll!
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="FormatException"/> naming the bad flag.</summary>
    public static SimulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var o = new SimulatedEngineOptions();
        string host = "127.0.0.1";
        var port = 30000;
        string? modelName = null;
        string? gsm8kPath = null;
        var help = false;
        var faults = new SimulatedFaults();
        var serverArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"{flag} needs a value.");
                }

                return args[++i];
            }

            switch (flag)
            {
                case "--help" or "-h":
                    help = true;
                    break;
                case "--host":
                    host = Value();
                    break;
                case "--port":
                    port = Int(flag, Value());
                    break;
                case "--model-path" or "--model":
                    o = o with { ModelPath = Value() };
                    break;
                case "--served-model-name":
                    modelName = Value();
                    break;
                case "--gsm8k-path":
                    gsm8kPath = Value();
                    break;
                case "--accuracy":
                    o = o with { Gsm8kAccuracy = Double(flag, Value()) };
                    break;
                case "--prefill-ms-per-token":
                    o = o with { PrefillMsPerToken = Double(flag, Value()) };
                    break;
                case "--prefill-base-ms":
                    o = o with { PrefillBaseMs = Double(flag, Value()) };
                    break;
                case "--decode-step-ms":
                    o = o with { DecodeStepBaseMs = Double(flag, Value()) };
                    break;
                case "--decode-ms-per-request":
                    o = o with { DecodeStepMsPerRequest = Double(flag, Value()) };
                    break;
                case "--max-running-requests":
                    o = o with { MaxRunningRequests = Int(flag, Value()) };
                    break;
                case "--context-length":
                    o = o with { ContextLength = Int(flag, Value()) };
                    break;
                case "--startup-delay-s":
                    o = o with { StartupDelay = TimeSpan.FromSeconds(Double(flag, Value())) };
                    break;
                case "--seed" or "--random-seed":
                    o = o with { Seed = Int(flag, Value()) };
                    break;
                case "--fail-startup":
                    faults = faults with { FailStartup = true };
                    break;
                case "--error-rate":
                    faults = faults with { ErrorRate = Double(flag, Value()) };
                    break;
                case "--stall-after-tokens":
                    faults = faults with { StallAfterTokens = Int(flag, Value()) };
                    break;
                case "--crash-after-requests":
                    faults = faults with { CrashAfterRequests = Int(flag, Value()) };
                    break;
                default:
                    if (!flag.StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new FormatException($"Unexpected argument '{args[i]}'.");
                    }

                    // An SGLang flag we do not model: a value follows unless the next token is a flag.
                    var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true");
                    serverArgs[SglangServerArgs.FieldName(flag)] = value;
                    ignored.Add(flag);
                    break;
            }
        }

        o = o with
        {
            ModelName = modelName ?? o.ModelPath,
            Faults = faults,
            ServerArgs = serverArgs.Count > 0 ? serverArgs : null,
        };
        return new SimulatorCommandLine(o, host, port, gsm8kPath, help, ignored);
    }

    private static (string Flag, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static int Int(string flag, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"{flag} expects an integer, got '{value}'.");

    private static double Double(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"{flag} expects a number, got '{value}'.");
}
