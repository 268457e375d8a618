using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The comparison as JSON for scripts. Field names are the camelCase property names of <see cref="CoverageComparison"/>
/// and the types it holds — part of the contract, so renaming a property is a breaking change; enums are kebab-case
/// strings (<c>suite-dictionary</c>, <c>per-file-registration</c>, <c>nvidia</c>); absent values are <c>null</c>.
/// </summary>
public static class CoverageJsonWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Write(CoverageComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return JsonSerializer.Serialize(comparison, Options) + "\n";
    }
}
