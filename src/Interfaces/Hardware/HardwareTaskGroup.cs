namespace SglangCi.Interfaces.Hardware;

/// <summary>
/// The four sections the old dashboard's hardware page grouped a night into, in page order. Kept so teams moving
/// from it find each task where they used to look.
/// </summary>
[GenerateSerializer]
public enum HardwareTaskGroup
{
    /// <summary>Plain <c>online</c> benchmark runs, one task per model.</summary>
    Performance = 0,

    /// <summary>The other run modes (dp_attention, torch_compile, mtp …): the same models under engine variants.</summary>
    Integration = 1,

    /// <summary>Unit tests, PD disaggregation tests and the nightly image check.</summary>
    Validation = 2,

    /// <summary>The sanity check: one GSM8K accuracy check per model.</summary>
    Sanity = 3,
}
