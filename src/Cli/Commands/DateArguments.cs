using System.Globalization;

namespace SglangCi.Cli.Commands;

/// <summary>Dates on the command line: strictly <c>YYYY-MM-DD</c>, with errors that name the option.</summary>
public static class DateArguments
{
    public static DateOnly? Parse(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string Error(string option, string text) => $"{option} must be a date as YYYY-MM-DD, got '{text}'";
}
