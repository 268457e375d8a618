namespace SglangCi.Integration.Tests.Postgres;

/// <summary>The theory form of <see cref="PostgresFactAttribute"/>: skipped with the reason when no server is configured, unless CI requires one.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PostgresSkip.Reason;
}
