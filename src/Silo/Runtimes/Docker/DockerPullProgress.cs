using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Follows one pull's progress messages: each layer's status change (and download progress at most every
/// <see cref="ProgressEvery"/>) goes to the silo log and to <paramref name="note"/> (the run's server log); an error
/// message ends the pull. Reported synchronously, in order, from Docker.DotNet's reader.
/// </summary>
internal sealed partial class DockerPullProgress(string image, ILogger logger, Action<string>? note) : IProgress<JSONMessage>
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, string> _layerStatus = new(StringComparer.Ordinal);
    private DateTimeOffset _lastProgressAt = DateTimeOffset.MinValue;

    /// <summary>The error the registry or daemon reported, if any.</summary>
    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value is null)
        {
            return;
        }

        var error = value.Error?.Message is { Length: > 0 } detail ? detail : value.ErrorMessage;
        if (!string.IsNullOrEmpty(error))
        {
            Error = error;
            return;
        }

        if (string.IsNullOrEmpty(value.Status))
        {
            return;
        }

        var layer = value.ID ?? "";
        var changed = !_layerStatus.TryGetValue(layer, out var last) || last != value.Status;
        _layerStatus[layer] = value.Status;
        var now = DateTimeOffset.UtcNow;
        if (!changed && now - _lastProgressAt < ProgressEvery)
        {
            return;
        }

        _lastProgressAt = now;
        var line = layer.Length > 0 ? $"{layer}: {value.Status} {value.ProgressMessage}".TrimEnd() : value.Status;
        LogProgress(logger, image, line);
        note?.Invoke($"pull {image}: {line}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling {Image}: {Line}")]
    private static partial void LogProgress(ILogger logger, string image, string line);
}
