namespace SglangCi.Interfaces.Analysis;

/// <summary>The lower-case words alert kinds and statuses have in the database, JSON and the CLI.</summary>
public static class SeriesAlertWords
{
    public static string Of(SeriesAlertKind kind) => kind switch
    {
        SeriesAlertKind.AccuracyRegression => "accuracy-regression",
        SeriesAlertKind.MissingData => "missing-data",
        _ => "regression",
    };

    public static string Of(SeriesAlertStatus status) => status.ToString().ToLowerInvariant();

    public static SeriesAlertKind ParseKind(string text) =>
        Enum.GetValues<SeriesAlertKind>().FirstOrDefault(k => Of(k) == text, (SeriesAlertKind)(-1)) is var kind && Enum.IsDefined(kind)
            ? kind
            : throw new FormatException($"'{text}' is not an alert kind (regression, accuracy-regression, missing-data).");

    public static SeriesAlertStatus ParseStatus(string text) =>
        Enum.TryParse<SeriesAlertStatus>(text, ignoreCase: true, out var status) && Of(status) == text
            ? status
            : throw new FormatException($"'{text}' is not an alert status (open, acknowledged, resolved).");
}
