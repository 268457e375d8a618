using SglangCi.Grains.Schedules;
using SglangCi.Toolkit.Images;
using ToolkitQuery = SglangCi.Toolkit.Images.NightlyImageQuery;

namespace SglangCi.Silo.Images;

/// <summary>Schedules' nightly images from Docker Hub's tags API, through the toolkit's <see cref="NightlyImageFinder"/>
/// (one listing, newest first, stopping at the most preferred match).</summary>
public sealed class DockerHubNightlyImageSource(HttpClient http, Uri registry) : INightlyImageSource
{
    public async Task<NightlyImageLookup> FindAsync(NightlyImageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = ToolkitQuery.For(request.Hardware, request.Today, request.RocmBuilds, request.Nights, ImageRepository.Parse(request.Repository));
        var finder = new NightlyImageFinder(new DockerHubTagClient(http, registry));
        var result = await finder.FindAsync(query, progress: null, cancellationToken);
        var tried = result.Attempts.Select(a => $"{a.Date:yyyy-MM-dd} {a.Rocm}").ToList();
        if (result.ListingEnd == TagListingEnd.PageLimit && !result.Found)
        {
            // "Not among the newest pages" must read differently from "not published".
            tried.Add($"(only the newest {result.PagesRead} tag pages were read)");
        }

        return new NightlyImageLookup(result.Image, result.Date, result.Rocm, tried);
    }
}
