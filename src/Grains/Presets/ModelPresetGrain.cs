using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Presets;

/// <summary>A versioned model preset: each saved change is a new version, every version is kept.</summary>
public sealed class ModelPresetGrain(
    [PersistentState("state", ClusterIdentity.StorageName)] IPersistentState<ModelPresetState> state) : Grain, IModelPresetGrain
{
    public async Task<ModelPreset> Save(ModelPreset preset)
    {
        ModelPresetValidator.Validate(preset, this.GetPrimaryKeyString());
        var current = Current;
        if (current is not null && ModelPresetContent.SameContent(current, preset))
        {
            await Register();
            return current;
        }

        var saved = preset with { Version = (current?.Version ?? 0) + 1 };
        state.State.Versions.Add(saved);
        await state.WriteStateAsync();
        await Register();
        return saved;
    }

    public Task<ModelPreset?> Get() => Task.FromResult(Current);

    public Task<ModelPreset?> GetVersion(int version) =>
        Task.FromResult(state.State.Versions.FirstOrDefault(v => v.Version == version));

    private ModelPreset? Current => state.State.Versions.Count == 0 ? null : state.State.Versions[^1];

    private Task Register() =>
        GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Key).Register(CatalogKind.Preset, this.GetPrimaryKeyString());
}
