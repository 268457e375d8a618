using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// A test that needs a real PostgreSQL server. Without one it is skipped with the reason, unless infrastructure is
/// required (CI), in which case it runs and fails on the missing server. Use with <c>[Trait("Category", "Postgres")]</c>.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!RequiredInfrastructure.Required && PostgresServer.Missing is { } reason)
        {
            Skip = reason + "; CI sets SGLCI_REQUIRE_INFRA=1 to fail instead";
        }
    }
}
