using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SglangCi.Toolkit.Parsing.GpuSmi;

/// <summary>The <c>parse gpu-smi --json</c> document: <c>{ "tool", "gpus": [...], "processes": [...] }</c>, nulls kept.</summary>
public static class GpuSmiJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static JsonObject ToJson(GpuSmiReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.SerializeToNode(report, Options)!.AsObject();
    }
}
