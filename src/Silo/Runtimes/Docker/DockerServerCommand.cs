using System.Globalization;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// The server's command line in its container: the configured program (<c>python3 -m sglang.launch_server</c>, or the
/// launch's own <see cref="EngineLaunch.Program"/>), then <c>--model-path</c> (SGLang's server only), <c>--host</c> and
/// <c>--port</c> unless the preset's flags already name them, then the preset's flags. Pure.
/// </summary>
public static class DockerServerCommand
{
    public static IReadOnlyList<string> Build(EngineServerOptions options, EngineLaunch launch, int port)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(launch);
        var args = launch.ServerArgs;

        // A launch with its own program (the PD router) is not SGLang's server: it takes no --model-path.
        var command = new List<string>(launch.Program ?? options.EffectiveServerCommand);
        if (launch.Program is null && !Has(args, "--model-path") && !Has(args, "--model"))
        {
            command.AddRange(["--model-path", launch.ModelPath]);
        }

        if (!Has(args, "--host"))
        {
            command.AddRange(["--host", options.ServerHost]);
        }

        if (!Has(args, "--port"))
        {
            command.AddRange(["--port", port.ToString(CultureInfo.InvariantCulture)]);
        }

        command.AddRange(args);
        return command;
    }

    /// <summary>The port the preset's flags ask for (<c>--port N</c> or <c>--port=N</c>), or null.</summary>
    public static int? PortIn(IReadOnlyList<string> serverArgs)
    {
        ArgumentNullException.ThrowIfNull(serverArgs);
        for (var i = 0; i < serverArgs.Count; i++)
        {
            var text = serverArgs[i] == "--port" && i + 1 < serverArgs.Count ? serverArgs[i + 1]
                : serverArgs[i].StartsWith("--port=", StringComparison.Ordinal) ? serverArgs[i]["--port=".Length..]
                : null;
            if (text is not null)
            {
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                    ? port
                    : throw new ArgumentException($"server flag --port '{text}' is not a port number");
            }
        }

        return null;
    }

    private static bool Has(IReadOnlyList<string> args, string flag) =>
        args.Any(a => a == flag || a.StartsWith(flag + "=", StringComparison.Ordinal));
}
