namespace SglangCi.Web.ViewModels;

/// <summary>
/// How a run mode reads: our runs say <c>Online</c> / <c>Offline</c>, imported ones the old CI's suffixes
/// (<c>online_dp_attention</c>, <c>online_mtp_test</c> …). Lower case everywhere, and plain online left unsaid.
/// </summary>
public static class Modes
{
    public const string Online = "online";

    public static string Display(string? mode) => string.IsNullOrWhiteSpace(mode) ? Formats.None : mode.ToLowerInvariant();

    /// <summary>The mode as a label beside the model; null for plain online.</summary>
    public static string? Label(string? mode) =>
        string.IsNullOrWhiteSpace(mode) || string.Equals(mode, Online, StringComparison.OrdinalIgnoreCase) ? null : mode.ToLowerInvariant();
}
