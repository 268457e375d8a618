using SglangCi.Grains.Reports.Compare;

namespace SglangCi.Web.ViewModels.Compare;

/// <summary>
/// The dashboard's addresses of what the shared comparison model names. They are the page's business, not the model's:
/// the CLI's reports have no base href to be relative to.
/// </summary>
public static class CompareLinks
{
    extension(CompareSelection selection)
    {
        /// <summary>The page's relative URL (no leading slash: the app has a base href).</summary>
        public string Href => "compare" + QueryString.Of(
            ("hw", selection.Hardware), ("model", selection.Model), ("mode", selection.Mode), ("host", selection.Host), ("a", selection.A), ("b", selection.B));
    }

    extension(Comparison comparison)
    {
        /// <summary>The address of this comparison with B written out (an automatically chosen B, pinned for a bookmark).</summary>
        public string? PinnedHref => comparison.Pinned?.Href;
    }

    extension(CompareSide)
    {
        public static string RunHref(string runId) => $"runs/{Uri.EscapeDataString(runId)}";
    }
}
