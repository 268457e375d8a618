namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>
/// Where simulated images keep their SGLang code (keys of <c>SglangCi:Simulator</c>). A simulated image is only its SGLang
/// checkout: a PR image run on a simulated node really fetches and checks out, in a copy of the base image's checkout, and
/// keeps the result under the new tags.
/// </summary>
public sealed class SimulatedImageOptions
{
    /// <summary>The configuration key of <see cref="SglangSource"/>, for messages.</summary>
    public const string SglangSourceKey = SimulatedEngineRuntime.SectionName + ":" + nameof(SglangSource);

    /// <summary>A local SGLang git checkout that stands for the checkout of every image the store does not hold (the
    /// nightly base images). Required for commands that work in an image's checkout; nothing else needs it.</summary>
    public string? SglangSource { get; set; }

    /// <summary>The folder holding each kept image's checkout; default <c>simulated-images</c> in the data directory.</summary>
    public string? ImageStore { get; set; }
}
