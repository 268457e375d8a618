using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Presets;

/// <summary>Every version ever saved, oldest first; runs record the version they used, so none is dropped.</summary>
[GenerateSerializer, Alias("sglci.model-preset-state")]
public sealed class ModelPresetState
{
    [Id(0)]
    public List<ModelPreset> Versions { get; set; } = [];
}
