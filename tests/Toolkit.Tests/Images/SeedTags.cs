namespace SglangCi.Toolkit.Tests.Images;

/// <summary>Tag names as rocm/sgl-dev published them (taken from the old CI's logs in seed-history), for realistic pages.</summary>
internal static class SeedTags
{
    public const string Mi30x1208 = "v0.5.6-rocm700-mi30x-20251208";
    public const string Mi35x1208 = "v0.5.6-rocm700-mi35x-20251208";
    public const string Mi30x1207 = "v0.5.6-rocm700-mi30x-20251207";
    public const string Mi35x1207 = "v0.5.6-rocm700-mi35x-20251207";
    public const string Mi30xRocm630_1208 = "v0.5.6-rocm630-mi30x-20251208";
    public const string Mi30x1130 = "v0.5.5.post3-rocm700-mi30x-20251130";
    public const string Mi35x1130 = "v0.5.5.post3-rocm700-mi35x-20251130";
    public const string Mi30xRocm630_1128 = "v0.5.5.post3-rocm630-mi30x-20251128";
    public const string ReleaseCandidate = "v0.5.3rc0-rocm700-mi35x-20251003-RC";

    /// <summary>2025-12-08 20:00 in Los Angeles (PST): "today" for the 20251208 nightlies.</summary>
    public static readonly DateTimeOffset Evening1208 = new(2025, 12, 9, 4, 0, 0, TimeSpan.Zero);

    /// <summary>Older nightlies that fill a page without matching anything asked for.</summary>
    public static string[] Filler(int count, string hardware = "mi35x") =>
        [.. Enumerable.Range(0, count).Select(i => $"v0.5.4-rocm700-{hardware}-{new DateOnly(2025, 10, 1).AddDays(-i):yyyyMMdd}")];
}
