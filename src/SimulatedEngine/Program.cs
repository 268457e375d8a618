using System.Runtime.InteropServices;
using SglangCi.SimulatedEngine.Cli;

namespace SglangCi.SimulatedEngine;

/// <summary>
/// <c>sglang-sim</c>: runs <see cref="SimulatedEngineServer"/> as a process, the form the Docker image and the
/// local-process runtime launch. It behaves like <c>launch_server</c> where the orchestrator looks: the
/// ready log line, health endpoints, exit code 1 when the engine fails or crashes, a clean stop on
/// SIGTERM/Ctrl+C.
/// </summary>
internal static class Program
{
    /// <summary>SGLang's ready line; orchestrators wait for it in the log.</summary>
    public const string ReadyLine = "The server is fired up and ready to roll!";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == BenchOneBatchCli.Name)
        {
            return BenchOneBatchCli.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] == UnitTestCli.Name)
        {
            var environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
            return UnitTestCli.Run(args[1..], environment, Console.Out, Console.Error);
        }

        SimulatorCommandLine commandLine;
        try
        {
            commandLine = SimulatorCommandLine.Parse(args);
            if (commandLine.ShowHelp)
            {
                Console.WriteLine(SimulatorCommandLine.Usage);
                return 0;
            }

            if (commandLine.Gsm8kPath is { } path)
            {
                commandLine = commandLine with { Options = commandLine.Options with { Gsm8kAnswers = Gsm8kAnswerFile.Load(path) } };
            }
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"sglang-sim: {e.Message}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync("Run sglang-sim --help for usage.").ConfigureAwait(false);
            return 2;
        }

        foreach (var flag in commandLine.Ignored)
        {
            await Console.Error.WriteLineAsync($"sglang-sim: {flag} is not simulated; reported in /get_server_info only.").ConfigureAwait(false);
        }

        using var shutdown = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            shutdown.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            shutdown.Cancel();
        });

        SimulatedEngineServer server;
        try
        {
            server = await SimulatedEngineServer.StartAsync(commandLine.Options, commandLine.Port, commandLine.Host, shutdown.Token)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ArgumentException or System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"sglang-sim: cannot start the server: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            var o = commandLine.Options;
            Console.WriteLine($"sglang-sim {o.Version}: model {o.ModelPath} served as '{o.ModelName}' on {server.BaseUrl} " +
                $"(gsm8k questions {o.Gsm8kAnswers?.Count ?? 0}, accuracy {o.Gsm8kAccuracy}, max running requests {o.MaxRunningRequests})");
            return await RunAsync(server, shutdown.Token).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAsync(SimulatedEngineServer server, CancellationToken shutdown)
    {
        var stopped = Task.Delay(Timeout.Infinite, shutdown);
        try
        {
            if (await Task.WhenAny(server.WhenReady, stopped).ConfigureAwait(false) == server.WhenReady)
            {
                await server.WhenReady.ConfigureAwait(false);
                Console.WriteLine(ReadyLine);
            }

            await Task.WhenAny(server.Completion, stopped).ConfigureAwait(false);
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await server.Completion.ConfigureAwait(false);
            return 0;
        }
        catch (SimulatedEngineCrashedException e)
        {
            await Console.Error.WriteLineAsync($"sglang-sim: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
