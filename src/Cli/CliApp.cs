using SglangCi.Cli.Commands;
using SglangCi.Cli.Commands.Analyze;
using SglangCi.Cli.Commands.Bench;
using SglangCi.Cli.Commands.Compare;
using SglangCi.Cli.Commands.Coverage;
using SglangCi.Cli.Commands.Download;
using SglangCi.Cli.Commands.Generate;
using SglangCi.Cli.Commands.Gsm8k;
using SglangCi.Cli.Commands.Housekeeping;
using SglangCi.Cli.Commands.Images;
using SglangCi.Cli.Commands.Import;
using SglangCi.Cli.Commands.Parse;
using SglangCi.Cli.Commands.PrImages;
using SglangCi.Cli.Commands.Schedules;
using SglangCi.Cli.Commands.Sql;
using SglangCi.Cli.Commands.UpstreamTests;
using Spectre.Console.Cli;

namespace SglangCi.Cli;

/// <summary>The command tree of <c>sglang-ci</c>: names, descriptions and examples of every command.</summary>
public static class CliApp
{
    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("sglang-ci");
            config.SetApplicationVersion(typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "0.0.0");
            // Spectre's default maps every failure to -1 and prints to stdout; scripts need 1 vs 2 and errors on stderr.
            config.SetExceptionHandler(ErrorHandler.Handle);
            config.ValidateExamples();
            // An unknown option is a mistake to report, not something to ignore.
            config.UseStrictParsing();

            config.AddCommand<NodesCommand>("nodes")
                .WithDescription("List the GPU nodes of the cluster: hardware, host, GPUs free, active leases and queued runs.")
                .WithExample("nodes")
                .WithExample("nodes", "--json")
                .WithExample("nodes", "--gateway", "10.0.0.5:30100");

            config.AddCommand<PresetsCommand>("presets")
                .WithDescription("List the model presets: current version, model, variant, GPUs, GSM8K threshold and benchmark load points.")
                .WithExample("presets")
                .WithExample("presets", "--json");

            config.AddCommand<RunCommand>("run")
                .WithDescription("Start one run of a preset on a node; with --wait, follow it live until it ends.")
                .WithExample("run", "--preset", "grok1-int4", "--node", "sim-node-1")
                .WithExample("run", "--preset", "grok1-int4", "--node", "sim-node-1", "--wait")
                .WithExample("run", "--preset", "grok1-int4", "--node", "sim-node-1", "--image", "lmsysorg/sglang:v0.5.5-rocm700-mi35x-20251130", "--wait", "--json");

            config.AddCommand<RunsCommand>("runs")
                .WithDescription("List stored runs, filtered by image/start date and hardware.")
                .WithExample("runs")
                .WithExample("runs", "--date", "2026-11-30")
                .WithExample("runs", "--from", "2026-11-01", "--to", "2026-11-30", "--hardware", "mi35x", "--json");

            config.AddCommand<ShowCommand>("show")
                .WithDescription("Show one run: phases, GSM8K gate and every benchmark point.")
                .WithExample("show", "20261130T133512Z-grok1-int4-sim-node-1-3fa2c1")
                .WithExample("show", "20261130T133512Z-grok1-int4-sim-node-1-3fa2c1", "--json");

            config.AddCommand<CompareCommand>("compare")
                .WithDescription("Compare two runs load point by load point, as the dashboard's compare page does: every metric's change coloured better/worse/within noise, and the GSM8K accuracy with a two-proportion significance test. Without RUN_B, the previous night of A's series.")
                .WithExample("compare", "20261130T133512Z-grok1-int4-sim-node-1-3fa2c1")
                .WithExample("compare", "20261130T133512Z-grok1-int4-sim-node-1-3fa2c1", "20261129T133502Z-grok1-int4-sim-node-1-9b0e41", "--format", "html", "--output", "compare.html")
                .WithExample("compare", "20261130T133512Z-grok1-int4-sim-node-1-3fa2c1", "--db", "data/sglang-ci.db", "--format", "json");

            config.AddCommand<UpstreamTestCommand>("upstream-test")
                .WithDescription("Run upstream SGLang test files from an image on a node's GPU lease: one container, each file under its own timeout with its own log, unittest/pytest results parsed, a passed/failed/timed-out summary stored with the run. Exit 0 only if every test passed (with --wait).")
                .WithExample("upstream-test", "--node", "mi30x-1", "--image", "rocm/sgl-dev:v0.5.5-rocm700-mi30x-20251130", "--test", "test_abort.py", "--test", "lora/test_lora.py", "--wait")
                .WithExample("upstream-test", "--node", "sim-node-1", "--image", "simulated", "--test", "test_abort.py", "--timeout", "600", "--gpus", "1", "--json");

            config.AddCommand<PrImageCommand>("pr-image")
                .WithDescription("Build a PR image: a base image's SGLang checkout moved to a pull request's head (or a branch) from the git remote, kept on the node as local images sglang-prN and sglang-prN-SHA7 (code only: a PR that changes dependencies gets a warning that a full rebuild is needed). Exit 0 only if the image was kept (with --wait).")
                .WithExample("pr-image", "--node", "mi30x-1", "--image", "lmsysorg/sglang:v0.5.5-rocm700-mi30x", "--pr", "12345", "--wait")
                .WithExample("pr-image", "--node", "sim-node-1", "--image", "lmsysorg/sglang:latest", "--branch", "main", "--remote", "https://github.com/my-org/sglang.git", "--json");

            ImportCommands.Register(config);
            ScheduleCommands.Register(config);

            config.AddCommand<AnalyzeCommand>("analyze")
                .WithDescription("Find regressions and improvements in stored history: the detector judged night by night, as if live.")
                .WithExample("analyze", "--db", "data/sglang-ci.db")
                .WithExample("analyze", "--db", "data/sglang-ci.db", "--hardware", "mi35x", "--from", "2025-12-01", "--to", "2025-12-07", "--json")
                .WithExample("analyze", "--db", "data/sglang-ci.db", "--replay");

            config.AddCommand<SqlCommand>("sql")
                .WithDescription("Run a read-only SQL query on the results tables (through the cluster, or on a file with --db).")
                .WithExample("sql", "SELECT model, mode, COUNT(*) AS runs FROM runs GROUP BY model, mode")
                .WithExample("sql", "SELECT * FROM night_points WHERE model = 'GROK1' ORDER BY image_date", "--json")
                .WithExample("sql", "SELECT COUNT(*) FROM runs", "--db", "data/sglang-ci.db");

            // Standalone tools: no cluster needed.
            config.AddCommand<CoverageCommand>("coverage")
                .WithDescription(
                    "Compare SGLang's upstream CI, AMD vs NVIDIA, in a local checkout (test/srt/run_suite.py and/or "
                    + "test/registered/**/*.py, read as data, never run): tests per per-commit/nightly category and GPU count, "
                    + "NVIDIA-only files, coverage %, estimated CI time. Default a table; --csv the old daily report's layout; "
                    + "--markdown like compare_suites.py --details; --json fields: repository, commit, layouts, includesIncompatible, "
                    + "categories[] {name, section, nightly, gpuCount, nvidiaTests, amdTests, commonTests, coveragePercent, "
                    + "nvidiaEstimatedSeconds, amdEstimatedSeconds, nvidiaSuites, amdSuites, nvidiaOnly[] {file, estimatedSeconds}, "
                    + "amdOnly[], common[], excludedIncompatible[]}, perPr/nightly/total {name, nvidiaTests, amdTests, "
                    + "nvidiaEstimatedSeconds, amdEstimatedSeconds, coveragePercent}, disabled[], notCompared[] {suite, platform, "
                    + "tests, reason}, additional[] (the workflow and nightly-model rows), warnings[] {file, line, message}. "
                    + "Exit 0 ok (warnings go to stderr), 1 the checkout or --output could not be read/written, 2 path missing or no registry layout in it.")
                .WithExample("coverage", "--repo", "../sglang")
                .WithExample("coverage", "--repo", "../sglang", "--csv", "--output", "sglang_ci_report_20251209.csv")
                .WithExample("coverage", "--repo", "../sglang", "--markdown", "--include-incompatible");

            BenchCommands.Register(config);
            DownloadCommands.Register(config);
            GenerateCommands.Register(config);
            Gsm8kCommands.Register(config);
            HousekeepingCommands.Register(config);
            ImagesCommands.Register(config);
            ParseCommands.Register(config);
        });
        return app;
    }
}
