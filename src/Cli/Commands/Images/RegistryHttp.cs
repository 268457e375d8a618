namespace SglangCi.Cli.Commands.Images;

/// <summary>The HTTP client the <c>images</c> commands page the registry with.</summary>
internal static class RegistryHttp
{
    /// <summary>A tags page is small; 30 s without an answer means Docker Hub is having a bad day, and the error says so.</summary>
    public static HttpClient Create() => new() { Timeout = TimeSpan.FromSeconds(30) };
}
