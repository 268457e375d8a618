using SglangCi.Interfaces;

namespace SglangCi.Grains.Catalog;

/// <summary>The registered names, per kind.</summary>
[GenerateSerializer, Alias("sglci.catalog-state")]
public sealed class CatalogState
{
    [Id(0)]
    public Dictionary<CatalogKind, List<string>> Names { get; set; } = [];
}
