using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>What one PR image run builds: from which base image, which PR or branch of which remote, and where the image
/// keeps SGLang's checkout.</summary>
public sealed record PrImageRequest(string BaseImage, PrImageSource Source, GitRemote Remote, string Checkout)
{
    /// <summary>"PR #7 of https://github.com/sgl-project/sglang.git" (credentials hidden).</summary>
    public string Description => $"{Source.Description} of {Remote.Redacted}";
}
