using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Bench;

/// <summary>Registers the standalone <c>bench</c> commands, which need no cluster.</summary>
public static class BenchCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch("bench", bench =>
        {
            bench.SetDescription("Benchmarks: serving load against a running server, the load generator itself, the history import, a running dashboard, a running cluster's scheduling.");

            bench.AddCommand<BenchServeCommand>("serve")
                .WithDescription("Online serving benchmark with python -m sglang.bench_serving's options, metrics, summary block and JSONL record.")
                .WithExample("bench", "serve", "--base-url", "http://127.0.0.1:30000")
                .WithExample("bench", "serve", "--base-url", "http://127.0.0.1:30000", "--backend", "openai", "--random-input-len", "1024", "--random-output-len", "256", "--random-range-ratio", "1", "--num-prompts", "200", "--max-concurrency", "16")
                .WithExample("bench", "serve", "--base-url", "http://127.0.0.1:30000", "--dataset", "sharegpt", "--dataset-path", "ShareGPT_V3_unfiltered_cleaned_split.json", "--request-rate", "8", "--goodput", "ttft:2000", "tpot:200", "--output-file", "results.jsonl")
                .WithExample("bench", "serve", "--base-url", "http://127.0.0.1:30000", "--num-prompts", "50", "--json");

            // More bench commands go here (e.g. `self-test`), one AddCommand each.
            bench.AddCommand<SelfTestCommand>("self-test")
                .WithDescription("Measure the load generator against the in-process simulated engine: streamed chunks/s at 1,000 streams (engine latency 0) and the median-ITL error at 512 streams (engine ITL 20 ms).")
                .WithExample("bench", "self-test")
                .WithExample("bench", "self-test", "--streams", "1000", "--duration-s", "10", "--itl-ms", "20", "--itl-streams", "512", "--json");

            bench.AddCommand<ImportBenchCommand>("import")
                .WithDescription("Time importing the old CI's log tree into a fresh database, and importing it again (nothing new); medians of --repeat runs.")
                .WithExample("bench", "import", "../shared/seed-history")
                .WithExample("bench", "import", "../shared/seed-history", "--repeat", "5", "--json");

            bench.AddCommand<DashboardBenchCommand>("dashboard")
                .WithDescription("Time every read API endpoint and every page of a running dashboard (arguments found through its API) against the goals: API median ≤ 5 ms and p95 ≤ 20 ms, page server time p95 < 50 ms; exit 1 if one is missed.")
                .WithExample("bench", "dashboard", "--url", "http://127.0.0.1:5000")
                .WithExample("bench", "dashboard", "--url", "http://127.0.0.1:5055", "--repeat", "100", "--warmup", "10", "--json");

            bench.AddCommand<SchedulingBenchCommand>("scheduling")
                .WithDescription("Fire nights with one job on every online node of a running cluster and time admission (firing → queued), GPU leases (firing → leased) and the night's end, from the runs' own phase records.")
                .WithExample("bench", "scheduling", "--postgres", "Host=db;Username=sglci;Password=…;Database=sglang_ci", "--nights", "3")
                .WithExample("bench", "scheduling", "--gateway", "127.0.0.1:30100", "--mode", "Housekeeping", "--json");
        });
    }
}
