using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>Why a PostgreSQL test is skipped: no server configured and CI not requiring one; null when it runs.</summary>
public static class PostgresSkip
{
    public static string? Reason =>
        !RequiredInfrastructure.Required && PostgresServer.Missing is { } missing ? missing + "; CI sets SGLCI_REQUIRE_INFRA=1 to fail instead" : null;
}
