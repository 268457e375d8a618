namespace SglangCi.SimulatedEngine;

/// <summary>
/// SGLang launch flags as <c>/get_server_info</c> names them (its ServerArgs fields): <c>--tp 8</c> →
/// <c>tp_size=8</c>, <c>--attention-backend=aiter</c> → <c>attention_backend=aiter</c>, a bare flag → <c>true</c>.
/// </summary>
public static class SglangServerArgs
{
    /// <summary>The ServerArgs field name of <paramref name="flag"/> (with its leading <c>--</c>), using SGLang's
    /// aliases for the common ones.</summary>
    public static string FieldName(string flag) => flag switch
    {
        "--tp" => "tp_size",
        "--dp" => "dp_size",
        "--pp" => "pp_size",
        "--ep" => "ep_size",
        _ => flag[2..].Replace('-', '_'),
    };

    /// <summary>Every <c>--flag</c> of <paramref name="args"/> by field name; a value follows a flag unless the next
    /// token is a flag. Tokens that are not flags and follow no flag are skipped.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IReadOnlyList<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!IsFlag(args[i]))
            {
                continue;
            }

            var eq = args[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 2)
            {
                result[FieldName(args[i][..eq])] = args[i][(eq + 1)..];
                continue;
            }

            var hasValue = i + 1 < args.Count && !IsFlag(args[i + 1]);
            result[FieldName(args[i])] = hasValue ? args[++i] : "true";
        }

        return result;
    }

    private static bool IsFlag(string token) => token.StartsWith("--", StringComparison.Ordinal);
}
