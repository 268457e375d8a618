using SglangCi.Toolkit.Images;

namespace SglangCi.Silo.RunKinds.ImageCheck;

/// <summary>
/// Where <see cref="ImageCheckKind"/> looks, bound from <c>SglangCi:ImageCheck</c>. The registry root is the silo's one
/// for every nightly lookup, <c>SglangCi:Images:Registry</c>; the images expected are <see cref="ExpectedImage.SeedDefaults"/>.
/// </summary>
public sealed class ImageCheckOptions
{
    public const string SectionName = "SglangCi:ImageCheck";

    /// <summary>The Docker Hub repository of the nightlies, <c>namespace/name</c>.</summary>
    public string Repository { get; set; } = ImageRepository.SglDev.ToString();
}
