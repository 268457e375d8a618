namespace SglangCi.Grains.Placement;

/// <summary>
/// Which silo serves which node, read from names alone so that every silo decides placement the same way: a silo named
/// <c>H</c> serves node <c>H</c> and its partitions <c>H.P</c> (a partition's name has neither dots nor dashes).
/// </summary>
public static class NodeNames
{
    public const char PartitionSeparator = '.';

    /// <summary>The name of partition <paramref name="partition"/> of host <paramref name="hostNode"/>: <c>H.P</c>.</summary>
    public static string Partition(string hostNode, int partition) =>
        $"{hostNode}{PartitionSeparator}{partition.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>True when the silo named <paramref name="siloName"/> serves node <paramref name="nodeName"/>.</summary>
    public static bool ServedBy(string nodeName, string siloName) =>
        !string.IsNullOrEmpty(siloName)
        && (nodeName == siloName || (TrySplitPartition(nodeName, out var host) && host.SequenceEqual(siloName)));

    /// <summary>
    /// True when <paramref name="runId"/> (<c>TIMESTAMP-PRESET-NODE-SUFFIX</c>) names <paramref name="nodeName"/>, or a
    /// partition of it, as its node. Presets and nodes both contain dashes, so the id is matched from its end, not split.
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
        return EndsWithNode(head, nodeName) || (TrySplitPartition(head, out var host) && EndsWithNode(host, nodeName));
    }

    private static bool EndsWithNode(ReadOnlySpan<char> head, string nodeName) =>
        head.Length > nodeName.Length
        && head.EndsWith(nodeName, StringComparison.Ordinal)
        && head[head.Length - nodeName.Length - 1] == '-';

    /// <summary>The host part of a partition's name (<c>H</c> of <c>H.P</c>); false when the name is not a partition's.</summary>
    private static bool TrySplitPartition(ReadOnlySpan<char> name, out ReadOnlySpan<char> host)
    {
        host = default;
        var dot = name.LastIndexOf(PartitionSeparator);
        if (dot <= 0 || dot == name.Length - 1 || name[(dot + 1)..].IndexOfAny('-', PartitionSeparator) >= 0)
        {
            return false;
        }

        host = name[..dot];
        return true;
    }
}
