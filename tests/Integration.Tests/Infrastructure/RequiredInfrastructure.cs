namespace SglangCi.Integration.Tests.Infrastructure;

/// <summary>
/// Where the real parts tests lean on (Docker, PostgreSQL, Chromium) are found, and whether their absence
/// skips a test (a developer machine) or fails it (CI sets <c>SGLCI_REQUIRE_INFRA=1</c>, so a missing
/// install step can never turn into a silently green run).
/// </summary>
public static class RequiredInfrastructure
{
    public static bool Required => Environment.GetEnvironmentVariable("SGLCI_REQUIRE_INFRA") == "1";

    /// <summary>Debian's Chromium, or <c>SGLCI_CHROMIUM</c>.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("SGLCI_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    /// <summary>Null when Chromium is usable, else why not.</summary>
    public static string? ChromiumMissing =>
        File.Exists(ChromiumPath) ? null : $"Chromium not found at {ChromiumPath} (apt-get install chromium, or set SGLCI_CHROMIUM)";
}
