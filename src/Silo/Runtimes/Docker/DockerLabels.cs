namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>The labels that mark a container as ours; reconciliation removes only what carries <see cref="Managed"/> and the node's name.</summary>
public static class DockerLabels
{
    public const string Managed = "sglang-ci.managed";
    public const string RunId = "sglang-ci.run-id";
    public const string Node = "sglang-ci.node";

    /// <summary><see cref="ServerRole"/> or <see cref="CommandRole"/>.</summary>
    public const string Role = "sglang-ci.role";

    public const string ServerRole = "server";
    public const string CommandRole = "command";

    /// <summary>The run a container of ours belongs to, from its labels; null when it carries no run id.</summary>
    public static string? RunIdOf(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(RunId, out var runId) && !string.IsNullOrWhiteSpace(runId) ? runId : null;

    /// <summary>Docker's label filter for our containers, of one node when <paramref name="node"/> is given.</summary>
    public static IDictionary<string, IDictionary<string, bool>> Filter(string? node)
    {
        var labels = new Dictionary<string, bool>(StringComparer.Ordinal) { [$"{Managed}=true"] = true };
        if (!string.IsNullOrEmpty(node))
        {
            labels[$"{Node}={node}"] = true;
        }

        return new Dictionary<string, IDictionary<string, bool>>(StringComparer.Ordinal) { ["label"] = labels };
    }
}
