using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Parse;

/// <summary>Registers the standalone <c>parse</c> command, which needs no cluster.</summary>
public static class ParseCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<ParseCommand>("parse")
            .WithDescription(
                "Parse a captured tool output: KIND is one of " + string.Join(", ", ParserRegistry.Kinds.Keys)
                + ". --json prints the result (one result: an object; several, e.g. bench_serving reruns in one log: an array). "
                + "Exit 0 ok, 2 bad arguments, 3 no result of that kind in the file (file:line: expected …).")
            .WithExample("parse", "bench-serving", "sglang_client_log_GROK1_aiter_4_run1.log")
            .WithExample("parse", "bench-serving", "sglang_0101_1000_sharegpt.jsonl", "--json")
            .WithExample("parse", "bench-one-batch", "result.jsonl", "--json")
            .WithExample("parse", "gsm8k", "sglang_client_log_GROK1_gsm8k_aiter.log", "--json");
    }
}
