namespace SglangCi.Interfaces.Sql;

/// <summary>What a schema entry is: a stored table, or a view computed from tables (such as <c>night_points</c>).</summary>
[GenerateSerializer]
public enum SqlObjectKind
{
    Table = 0,
    View = 1,
}
