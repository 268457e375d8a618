using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Gsm8k;

/// <summary>Registers the standalone <c>gsm8k</c> command(s), which need no cluster.</summary>
public static class Gsm8kCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<Gsm8kCommand>("gsm8k")
            .WithDescription("Run SGLang's GSM8K accuracy benchmark (bench_sglang.py) against a server; prints Accuracy, Invalid, Latency and Output throughput.")
            .WithExample("gsm8k", "--base-url", "http://127.0.0.1:30000")
            .WithExample("gsm8k", "--base-url", "http://127.0.0.1:30000", "--num-questions", "1319", "--parallel", "128", "--json")
            .WithExample("gsm8k", "--base-url", "http://127.0.0.1:30000", "--data", "/data/gsm8k/test.jsonl");
    }
}
