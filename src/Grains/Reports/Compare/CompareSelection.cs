using System.Globalization;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// What a comparison sets side by side, exactly as the compare page's query string says (the page writes it back as
/// its link; <c>sglang-ci compare</c> builds the runs form from its arguments):
/// <list type="bullet">
/// <item><c>compare?a=RUN&amp;b=RUN</c> — two runs; without <c>b</c>, B is the previous night of A's series.</item>
/// <item><c>compare?hw=mi30x&amp;model=GROK1&amp;mode=online&amp;host=HOST&amp;a=2025-10-29&amp;b=2025-10-28</c> — two nights
/// of one series (the same keys as the trends page); without <c>b</c>, the night before <c>a</c>.</item>
/// </list>
/// A is the run or night judged, B the baseline: every change reads "A against B".
/// </summary>
public sealed record CompareSelection(string? A, string? B, string? Hardware, string? Model, string? Mode, string? Host)
{
    public static readonly CompareSelection None = new(null, null, null, null, null, null);

    /// <summary>Nights when the series is named (<c>hw</c> and <c>model</c>), runs when only ids are, else nothing yet.</summary>
    public CompareKind Kind => Hardware is not null && Model is not null && A is not null ? CompareKind.Nights
        : Hardware is null && A is not null ? CompareKind.Runs
        : CompareKind.None;

    /// <summary>The nights' mode: <c>online</c> unless named.</summary>
    public string NightMode => Mode ?? RunMode.Online.WireName();

    /// <summary>Night A's date; null when <c>a</c> is not a <c>yyyy-MM-dd</c> date.</summary>
    public DateOnly? DateA => ParseDate(A);

    /// <summary>Night B's date; null when absent (the page then takes the night before A) or not a date.</summary>
    public DateOnly? DateB => ParseDate(B);

    public static CompareSelection Parse(string? a, string? b, string? hardware, string? model, string? mode, string? host) =>
        new(Blank(a), Blank(b), Blank(hardware), Blank(model), Blank(mode), Blank(host));

    public static CompareSelection Runs(string a, string? b) => new(Blank(a), Blank(b), null, null, null, null);

    public static CompareSelection Nights(string hardware, string model, string mode, string host, DateOnly a, DateOnly? b) =>
        new(Date(a), b is { } d ? Date(d) : null, hardware, model, mode, host);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
