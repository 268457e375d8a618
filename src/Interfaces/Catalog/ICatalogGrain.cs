namespace SglangCi.Interfaces;

/// <summary>
/// The names of everything configured in the cluster (key: <see cref="Key"/>), so lists need no scan of
/// grain storage: nodes, presets, schedules and alert channels register themselves here.
/// </summary>
public interface ICatalogGrain : IGrainWithStringKey
{
    public const string Key = "catalog";

    Task Register(CatalogKind kind, string name);

    Task<IReadOnlyList<string>> List(CatalogKind kind);
}

[GenerateSerializer]
public enum CatalogKind
{
    Node = 0,
    Preset = 1,
    Schedule = 2,
    AlertChannel = 3,
}
