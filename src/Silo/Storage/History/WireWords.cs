using System.Text;

namespace SglangCi.Silo.Storage.History;

/// <summary>Enum values as the lower-case words the tables hold: <c>ServerDied</c> → <c>server-died</c>.</summary>
internal static class WireWords
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    public static string? Of<T>(T? value)
        where T : struct, Enum => value is { } v ? Of(v) : null;
}
