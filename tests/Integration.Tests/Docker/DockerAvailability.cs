using Docker.DotNet;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>Whether a Docker engine answers at <c>DOCKER_HOST</c> (else the local socket); asked once per test run.</summary>
public static class DockerAvailability
{
    private static readonly Lazy<string?> Missing = new(Check);

    public static Uri Endpoint => new DockerRuntimeOptions().ResolveEndpoint();

    /// <summary>Null when Docker answers, else why not.</summary>
    public static string? DockerMissing => Missing.Value;

    private static string? Check()
    {
        var endpoint = Endpoint;
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
        {
            return $"no Docker socket at {endpoint.LocalPath} (start dockerd, or set DOCKER_HOST)";
        }

        try
        {
            using var client = new DockerClientConfiguration(endpoint, defaultTimeout: TimeSpan.FromSeconds(5)).CreateClient();
            return Task.Run(() => client.System.PingAsync()).Wait(TimeSpan.FromSeconds(10)) ? null : $"Docker at {endpoint} did not answer a ping within 10 s";
        }
        catch (Exception e)
        {
            return $"Docker at {endpoint} did not answer: {e.GetBaseException().Message}";
        }
    }
}
