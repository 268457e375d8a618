using SglangCi.Cli.Cluster;
using SglangCi.Cli.Output;
using Spectre.Console.Cli;

namespace SglangCi.Cli;

/// <summary>Turns every exception that escapes a command into one line on stderr and the right exit code.</summary>
public static class ErrorHandler
{
    public static int Handle(Exception exception, ITypeResolver? resolver)
    {
        var (message, code) = Classify(exception);
        // Plain text, unwrapped: scripts and tests match on these lines.
        Console.Error.WriteLine($"error: {message}");
        return code;
    }

    private static (string Message, int Code) Classify(Exception exception)
    {
        switch (exception)
        {
            // Parse and validation errors: unknown options, missing values, malformed dates.
            case CommandAppException app:
                return (app.Message, ExitCodes.BadArguments);
            case GatewayUnreachableException gateway:
                return (gateway.Message, ExitCodes.Failure);
            case OperationCanceledException:
                return ("cancelled", ExitCodes.Failure);
        }

        // Grain calls can arrive wrapped; an ArgumentException anywhere inside is the grain rejecting our input.
        var argument = GrainErrors.FindArgumentError(exception);
        return argument is not null
            ? (argument.Message, ExitCodes.BadArguments)
            : (GrainErrors.Innermost(exception).Message, ExitCodes.Failure);
    }
}
