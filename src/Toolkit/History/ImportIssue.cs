namespace SglangCi.Toolkit.History;

/// <summary>
/// Something the importer could not take as it is. <see cref="Rejected"/>: the file is malformed and nothing of it
/// was stored. Otherwise it is a report: the file's meaning is unclear (an ad-hoc folder, an unknown suffix) or a
/// part of it was left out, and the rest was imported.
/// </summary>
public sealed record ImportIssue(string Path, int? Line, string Reason, bool Rejected)
{
    public override string ToString() => (Line is { } l ? $"{Path}:{l}" : Path) + ": " + Reason;
}
