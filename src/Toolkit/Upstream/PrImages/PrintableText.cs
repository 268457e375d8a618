namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>A refused value as messages show it: control characters as <c>\xNN</c>, so a line break in a branch or a
/// remote cannot split or forge a line of the log that quotes it.</summary>
internal static class PrintableText
{
    public static string Of(string? text) =>
        string.Concat((text ?? "").Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
