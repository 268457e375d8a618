using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// A test that drives a real Docker engine. Without one it is skipped with the reason, unless infrastructure is
/// required (CI), in which case it runs and fails on the missing engine. Use with <c>[Trait("Category", "Docker")]</c>.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (!RequiredInfrastructure.Required && DockerAvailability.DockerMissing is { } reason)
        {
            Skip = reason + "; CI sets SGLCI_REQUIRE_INFRA=1 to fail instead";
        }
    }
}
