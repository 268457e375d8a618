using SglangCi.Toolkit.Images;

namespace SglangCi.Cli.Commands.Images;

/// <summary>
/// The <c>--json</c> shapes of the <c>images</c> commands: flat, with dates as YYYY-MM-DD and enums as words, so a
/// shell script can read them with jq without knowing our types.
/// </summary>
internal static class ImagesJson
{
    public static FindJson From(NightlyImageResult result) => new(
        result.Found,
        result.Image,
        result.Tag?.Tag,
        result.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        result.Rocm,
        result.Hardware,
        result.IsFallback,
        result.Repository.ToString(),
        [.. result.Attempts.Select(a => new AttemptJson(Day(a.Date), a.Rocm, a.FoundTag))],
        result.PagesRead,
        ListingEnd(result.ListingEnd));

    public static CheckJson From(ImageAvailabilityReport report) => new(
        report.Repository.ToString(),
        [.. report.Dates.Select(Day)],
        [.. report.Entries.Select(e => new CheckEntryJson(Day(e.Date), e.Expected.Hardware, e.Expected.Rocm, e.Expected.Required, Status(e.Status), e.Image, e.Detail))],
        report.Checked,
        report.AvailableCount,
        report.MissingCount,
        report.RequiredMissingCount,
        report.Level.ToString().ToLowerInvariant(),
        report.PagesRead,
        ListingEnd(report.ListingEnd));

    public static string Status(ImageAvailability status) => status switch
    {
        ImageAvailability.Available => "available",
        ImageAvailability.NotFound => "not-found",
        _ => "found-but-not-pullable",
    };

    private static string ListingEnd(TagListingEnd end) => end switch
    {
        TagListingEnd.Exhausted => "exhausted",
        TagListingEnd.StoppedEarly => "stopped-early",
        _ => "page-limit",
    };

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed record AttemptJson(string Date, string Rocm, string? FoundTag);

internal sealed record FindJson(
    bool Found, string? Image, string? Tag, string? Date, string? Rocm, string Hardware, bool IsFallback, string Repository,
    IReadOnlyList<AttemptJson> Attempts, int PagesRead, string ListingEnd);

internal sealed record CheckEntryJson(string Date, string Hardware, string Rocm, bool Required, string Status, string? Image, string? Detail);

internal sealed record CheckJson(
    string Repository, IReadOnlyList<string> Dates, IReadOnlyList<CheckEntryJson> Images, int Checked, int Available, int Missing,
    int RequiredMissing, string Status, int PagesRead, string ListingEnd);
