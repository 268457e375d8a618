using System.Reflection;

namespace SglangCi.Cli.Cluster;

/// <summary>Grain exceptions can arrive wrapped (aggregate, invocation, Orleans' own); these find what the grain meant.</summary>
public static class GrainErrors
{
    public static ArgumentException? FindArgumentError(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = Unwrap(current))
        {
            if (current is ArgumentException argument)
            {
                return argument;
            }
        }

        return null;
    }

    public static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (Unwrap(current) is { } inner)
        {
            current = inner;
        }

        return current;
    }

    private static Exception? Unwrap(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => aggregate.InnerExceptions[0],
        TargetInvocationException invocation => invocation.InnerException,
        _ when exception.GetType().Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true => exception.InnerException,
        _ => null,
    };
}
