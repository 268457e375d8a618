namespace SglangCi.Toolkit.Images;

/// <summary>
/// An image the nightly image check expects every night. A missing required image means a nightly job cannot run;
/// a missing optional one (mi30x on ROCm 6.3, only ever a fallback) is reported but alerts no one.
/// </summary>
public sealed record ExpectedImage(string Hardware, string Rocm, bool Required)
{
    /// <summary>The old <c>nightly_image_check.sh</c> list: mi30x rocm700 (required), mi30x rocm630 (optional), mi35x rocm700 (required).</summary>
    public static IReadOnlyList<ExpectedImage> SeedDefaults { get; } =
    [
        new("mi30x", NightlyImageQuery.PrimaryRocm, Required: true),
        new("mi30x", NightlyImageQuery.Mi30xFallbackRocm, Required: false),
        new("mi35x", NightlyImageQuery.PrimaryRocm, Required: true),
    ];

    public override string ToString() => $"{Hardware} {Rocm}{(Required ? string.Empty : " (optional)")}";
}
