using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace SglangCi.Silo.Storage.Providers;

/// <summary>
/// Grain state as System.Text.Json. Orleans' default for ADO.NET storage is Newtonsoft with CLR type
/// names embedded in the payload; plain JSON instead stays readable in the database, survives type and
/// namespace renames, and round-trips our contracts (positional records, IReadOnlyList/IReadOnlyDictionary,
/// DateOnly, nullable numbers). Enums are written by name so a stored state says what it means.
/// </summary>
public sealed class GrainStateJsonSerializer : IGrainStorageSerializer
{
    public static GrainStateJsonSerializer Instance { get; } = new();

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
        // States are records with init-only or positional members; unknown members written by a newer
        // build are ignored rather than failing the activation.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, Options);

    public T? Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options);
}
