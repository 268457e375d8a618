using System.Security.Cryptography;

namespace SglangCi.Interfaces.Runs;

/// <summary>Run ids that sort by time and say what they are: <c>20261130T133512Z-grok1-int4-sim-node-1-3fa2c1</c>.</summary>
public static class RunIds
{
    public static string Create(string presetName, string nodeName, DateTimeOffset now)
    {
        var suffix = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        return $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{presetName}-{nodeName}-{suffix}";
    }
}
