namespace SglangCi.Integration.Tests.Infrastructure;

/// <summary>
/// A test that drives a real Chromium. Without one it is skipped with the reason, unless infrastructure is
/// required (CI), in which case it runs and fails on the missing browser. Use with <c>[Trait("Category", "Browser")]</c>.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!RequiredInfrastructure.Required && RequiredInfrastructure.ChromiumMissing is { } reason)
        {
            Skip = reason + "; CI sets SGLCI_REQUIRE_INFRA=1 to fail instead";
        }
    }
}
