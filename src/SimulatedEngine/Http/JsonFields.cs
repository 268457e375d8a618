using System.Text.Json;

namespace SglangCi.SimulatedEngine.Http;

/// <summary>
/// Typed, forgiving access to request fields: missing and <c>null</c> mean "use the default", unknown
/// fields are ignored (clients send many sampling options the simulator does not model), and a present
/// field of the wrong type is a 400 naming the field, as pydantic validation is in SGLang.
/// </summary>
internal static class JsonFields
{
    /// <summary>The field's value, or null when it is missing or JSON null.</summary>
    public static JsonElement? Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static int? GetInt(JsonElement obj, string name)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i))
        {
            return i;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue)
        {
            return (int)d;
        }

        throw new RequestValidationException($"'{name}' must be an integer.");
    }

    public static double? GetDouble(JsonElement obj, string name) =>
        Get(obj, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
            _ => throw new RequestValidationException($"'{name}' must be a number."),
        };

    public static bool? GetBool(JsonElement obj, string name) =>
        Get(obj, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw new RequestValidationException($"'{name}' must be a boolean."),
        };

    public static string? GetString(JsonElement obj, string name) =>
        Get(obj, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => throw new RequestValidationException($"'{name}' must be a string."),
        };

    /// <summary>A field that is an object, or an empty object when missing.</summary>
    public static JsonElement GetObject(JsonElement obj, string name) =>
        Get(obj, name) switch
        {
            null => default,
            { ValueKind: JsonValueKind.Object } value => value,
            _ => throw new RequestValidationException($"'{name}' must be an object."),
        };

    /// <summary>Stop strings: a string, a list of strings, or missing.</summary>
    public static IReadOnlyList<string> GetStop(JsonElement obj, string name) =>
        Get(obj, name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.String } value => [value.GetString()!],
            { ValueKind: JsonValueKind.Array } value when value.EnumerateArray().All(static e => e.ValueKind == JsonValueKind.String) =>
                value.EnumerateArray().Select(static e => e.GetString()!).ToArray(),
            _ => throw new RequestValidationException($"'{name}' must be a string or a list of strings."),
        };
}
