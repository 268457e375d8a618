namespace SglangCi.Toolkit.Images;

/// <summary>One entry of a Docker Hub tags page: the tag name and when it was last pushed (null if the registry omitted it).</summary>
public sealed record DockerHubTag(string Name, DateTimeOffset? LastUpdated);
