using System.Data.Common;
using SglangCi.Interfaces.Upstream;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.Upstream;

/// <summary>
/// How coverage rows map to the DTOs: the origin as its lower-case word, the empty section (the tables' "no heading",
/// part of the key so it cannot be NULL) as null, dates and times through the results dialect.
/// </summary>
internal sealed class CoverageRows(IResultsDialect dialect)
{
    public static string Word(CoverageOrigin origin) => WireWords.Of(origin);

    public static CoverageOrigin ParseOrigin(string word) =>
        Enum.GetValues<CoverageOrigin>().Where(o => Word(o) == word).Select(o => (CoverageOrigin?)o).FirstOrDefault()
            ?? throw new FormatException($"'{word}' is not a coverage report origin (imported, computed).");

    public static string SectionKey(string? section) => section ?? string.Empty;

    public DateOnly ReadDate(DbDataReader reader) => dialect.ReadDate(reader, reader.GetOrdinal("report_date"));

    public CoverageReportTotals ReadTotals(DbDataReader reader) => new(
        ReadDate(reader),
        ParseOrigin(reader.GetString("origin")),
        reader.GetNullableString("commit_sha"),
        ReadNullableInt(reader, "amd_total"),
        ReadNullableInt(reader, "nvidia_total"),
        reader.GetNullableDouble("coverage_percent"),
        Convert.ToInt32(reader.GetValue(reader.GetOrdinal("gap_count")), System.Globalization.CultureInfo.InvariantCulture));

    public CoverageReportRecord ReadReport(DbDataReader reader, IReadOnlyList<CoverageCategoryCount> categories, IReadOnlyList<CoverageGapFile> gaps)
    {
        var recordedAt = reader.GetOrdinal("recorded_at");
        return new CoverageReportRecord(
            ReadDate(reader),
            ParseOrigin(reader.GetString("origin")),
            reader.GetNullableString("commit_sha"),
            ReadNullableInt(reader, "amd_total"),
            ReadNullableInt(reader, "nvidia_total"),
            reader.GetNullableDouble("coverage_percent"),
            reader.GetString("source_path"),
            reader.IsDBNull(recordedAt) ? null : dialect.ReadTimestamp(reader, recordedAt),
            categories,
            gaps);
    }

    public static CoverageCategoryCount ReadCategory(DbDataReader reader)
    {
        var section = reader.GetString("section");
        return new CoverageCategoryCount(
            section.Length == 0 ? null : section,
            reader.GetString("category"),
            reader.GetInt32("amd_tests"),
            reader.GetInt32("nvidia_tests"),
            reader.GetNullableDouble("coverage_percent"));
    }

    public static CoverageGapFile ReadGap(DbDataReader reader) =>
        new(reader.GetString("category"), reader.GetString("file"), reader.GetNullableDouble("estimated_s"));

    private static int? ReadNullableInt(DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
    }
}
