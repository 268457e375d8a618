using System.ComponentModel;
using System.Globalization;
using SglangCi.Cli.Output;
using SglangCi.Cli.SelfTest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Bench;

/// <summary>Options of <c>bench self-test</c>.</summary>
public sealed class SelfTestSettings : CommandSettings
{
    [CommandOption("--streams <N>")]
    [Description("Concurrent streams for the throughput figure (engine latency 0).")]
    [DefaultValue(1000)]
    public int Streams { get; set; } = 1000;

    [CommandOption("--duration-s <S>")]
    [Description("Approximate length of each measured run, in seconds.")]
    [DefaultValue(10.0)]
    public double DurationSeconds { get; set; } = 10;

    [CommandOption("--itl-ms <MS>")]
    [Description("The engine's fixed inter-token latency for the ITL-accuracy figure.")]
    [DefaultValue(20.0)]
    public double ItlMs { get; set; } = 20;

    [CommandOption("--itl-streams <N>")]
    [Description("Concurrent streams for the ITL-accuracy figure.")]
    [DefaultValue(512)]
    public int ItlStreams { get; set; } = 512;

    [CommandOption("--json")]
    [Description("Print both figures as JSON on stdout.")]
    public bool Json { get; set; }

    public override ValidationResult Validate() =>
        Streams < 1 || ItlStreams < 1 || DurationSeconds <= 0 || ItlMs <= 0
            ? ValidationResult.Error("--streams and --itl-streams must be at least 1; --duration-s and --itl-ms must be positive.")
            : ValidationResult.Success();
}

/// <summary>
/// <c>bench self-test</c>: measures the load generator against the in-process simulated engine: streamed chunks per
/// second at many concurrent streams with a zero-latency engine, and the error of the measured median ITL when the
/// engine's ITL is fixed. Exit 1 when any request failed (the figures would not mean anything).
/// </summary>
public sealed class SelfTestCommand : AsyncCommand<SelfTestSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SelfTestSettings settings, CancellationToken cancellationToken)
    {
        var options = new SelfTestOptions(settings.Streams, settings.DurationSeconds, settings.ItlMs, settings.ItlStreams);
        var progress = new Progress<string>(step => Console.Error.WriteLine($"self-test: {step}"));
        var report = await SelfTestRunner.RunAsync(options, progress, cancellationToken);

        if (settings.Json)
        {
            JsonOutput.Write(new
            {
                throughput = report.Throughput,
                itl = report.Itl,
                targets = new { chunksPerSecond = SelfTestReport.ThroughputTarget, itlErrorMs = SelfTestReport.ItlErrorTargetMs },
                throughputMet = report.ThroughputMet,
                itlMet = report.ItlMet,
                processorCount = Environment.ProcessorCount,
            });
        }
        else
        {
            var t = report.Throughput;
            var i = report.Itl;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Streamed chunks/s at {t.Streams} streams (engine latency 0): {t.ChunksPerSecond:F0} " +
                $"({t.Chunks} chunks in {t.DurationS:F3} s, {t.OutputTokensPerStream} tokens/stream, failed {t.Failed}) " +
                $"target >= {SelfTestReport.ThroughputTarget:F0}: {(report.ThroughputMet ? "met" : "MISSED")}"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Median ITL error at {i.Streams} streams (engine ITL {i.EngineItlMs} ms): {i.ErrorMs:F3} ms " +
                $"(median {i.MedianItlMs:F3} ms, p99 {i.P99ItlMs:F3} ms, {i.OutputTokensPerStream} tokens/stream, failed {i.Failed}) " +
                $"target < {SelfTestReport.ItlErrorTargetMs} ms: {(report.ItlMet ? "met" : "MISSED")}"));
            Console.Out.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {Markup.Escape(System.Runtime.InteropServices.RuntimeInformation.OSDescription)}");
        }

        return report.Throughput.Failed + report.Itl.Failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
