using System.Text;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>Container names: <c>sglci-NODE-RUN-ROLE-xxxxxx</c>, only characters Docker allows, unique per start.</summary>
public static class DockerContainerNames
{
    private const int MaxPartLength = 60;

    public static string For(string node, string runId, string role) =>
        $"sglci-{Safe(node)}-{Safe(runId)}-{Safe(role)}-{Guid.NewGuid().ToString("N")[..6]}";

    private static string Safe(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxPartLength));
        foreach (var c in text.Take(MaxPartLength))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
