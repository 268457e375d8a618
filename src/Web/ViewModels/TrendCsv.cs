using System.Globalization;
using System.Text;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// The trends table as CSV (RFC 4180, invariant numbers, empty cells for no value): the same nights the page lists,
/// with every metric rather than only the plotted one, so a spreadsheet can chart any of them.
/// </summary>
public static class TrendCsv
{
    public const string Header =
        "image_date,hardware,model,mode,host,load_kind,load,origin,e2e_median_ms,ttft_median_ms,itl_median_ms,tpot_median_ms,output_throughput,e2e_p99_ms,image,run_id";

    public static string Write(TrendSelection selection, IEnumerable<TrendRow> rows)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var p in rows.Select(r => r.Point))
        {
            string[] cells =
            [
                p.ImageDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), selection.Hardware ?? "", selection.Model ?? "",
                selection.Mode ?? "", p.Host, p.LoadKind.ToString().ToLowerInvariant(), Number(p.Load), p.Origin,
                Number(p.E2eMedianMs), Number(p.TtftMedianMs), Number(p.ItlMedianMs), Number(p.TpotMedianMs),
                Number(p.OutputThroughput), Number(p.E2eP99Ms), p.Image ?? "", p.RunId,
            ];
            csv.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A download name that says what is in it: <c>trend-mi30x-GROK1-online-all-hosts.csv</c>.</summary>
    public static string FileName(TrendSelection selection)
    {
        var parts = new[] { "trend", selection.Hardware, selection.Model, selection.Mode, selection.Host ?? "all-hosts" }
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => new string(p!.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray()));
        return string.Join('-', parts) + ".csv";
    }

    private static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
