using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SglangCi.Cli.Output;

/// <summary>Writes JSON documents to stdout, bypassing Spectre so nothing is wrapped, coloured or escaped.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Absent values are part of the contract: they must appear as null, never be dropped.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Output goes to a terminal or a file, never into HTML: keep reasons like "accuracy 0.81 < 0.93" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes by runtime type: a RunDetailsJson passed as its base RunJson keeps its details.</summary>
    public static void Write(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Options));
}
