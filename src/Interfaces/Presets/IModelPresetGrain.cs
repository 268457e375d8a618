using SglangCi.Interfaces.Presets;

namespace SglangCi.Interfaces;

/// <summary>One model preset (key: preset name), versioned: every accepted change is a new version.</summary>
public interface IModelPresetGrain : IGrainWithStringKey
{
    /// <summary>Stores the preset as a new version (unchanged content keeps the version) and returns it.</summary>
    Task<ModelPreset> Save(ModelPreset preset);

    /// <summary>The current version, or null if none was ever saved.</summary>
    Task<ModelPreset?> Get();

    /// <summary>A past version, or null if it never existed.</summary>
    Task<ModelPreset?> GetVersion(int version);
}
