using SglangCi.Interfaces;

namespace SglangCi.Grains.Catalog;

/// <summary>Sets of names per kind, so lists of nodes, presets, schedules and channels need no storage scan.</summary>
public sealed class CatalogGrain(
    [PersistentState("state", ClusterIdentity.StorageName)] IPersistentState<CatalogState> state) : Grain, ICatalogGrain
{
    public async Task Register(CatalogKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!state.State.Names.TryGetValue(kind, out var names))
        {
            names = [];
            state.State.Names[kind] = names;
        }

        var index = names.BinarySearch(name, StringComparer.Ordinal);
        if (index >= 0)
        {
            // Registration happens on every Configure/Save; only a new name is worth a write.
            return;
        }

        names.Insert(~index, name);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List(CatalogKind kind) =>
        Task.FromResult<IReadOnlyList<string>>(
            state.State.Names.TryGetValue(kind, out var names) ? names.ToArray() : []);
}
