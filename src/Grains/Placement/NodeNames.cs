namespace SglangCi.Grains.Placement;

/// <summary>Reads the node name back out of a grain key, for placement and for logs.</summary>
public static class NodeNames
{
    /// <summary>
    /// True when <paramref name="runId"/> (<c>TIMESTAMP-PRESET-NODE-SUFFIX</c>) names <paramref name="nodeName"/>
    /// as its node. Presets and nodes both contain dashes, so the id is matched from its end, not split.
    /// </summary>
    public static bool RunIdNamesNode(string runId, string nodeName)
    {
        if (string.IsNullOrEmpty(nodeName))
        {
            return false;
        }

        var suffixStart = runId.LastIndexOf('-');
        if (suffixStart <= 0)
        {
            return false;
        }

        var head = runId.AsSpan(0, suffixStart);
        return head.Length > nodeName.Length
            && head.EndsWith(nodeName, StringComparison.Ordinal)
            && head[head.Length - nodeName.Length - 1] == '-';
    }
}
