using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SglangCi.Grains.Runtime;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Makes sure an image is on the node: used as it is when present, else pulled (with the configured registry
/// credentials, never logged) with its progress in the logs. Transient failures (daemon or registry 5xx, network,
/// a pull attempt that ran past <see cref="DockerRuntimeOptions.PullTimeout"/>) are retried
/// <see cref="DockerRuntimeOptions.PullRetries"/> times, <see cref="DockerRuntimeOptions.PullRetryDelay"/> apart and
/// growing; a tag that does not exist (or that the credentials may not read) fails at once, naming the tag.
/// </summary>
internal sealed partial class DockerImages
{
    private readonly IDockerClient _client;
    private readonly DockerRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pull;

    public DockerImages(IDockerClient client, DockerRuntimeOptions options, ILogger logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder();
        if (options.PullRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.PullRetries,
                Delay = options.PullRetryDelay,
                BackoffType = DelayBackoffType.Linear,
                ShouldHandle = new PredicateBuilder()
                    .Handle<DockerPullFailedException>(e => e.Transient)
                    .Handle<TimeoutRejectedException>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>(),
                OnRetry = args =>
                {
                    LogPullRetry(_logger, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "unknown error");
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pull = builder.AddTimeout(options.PullTimeout).Build();
    }

    /// <summary>Returns once <paramref name="image"/> is present; throws <see cref="EngineStartException"/> naming it when it cannot be.</summary>
    public async Task EnsureAsync(string image, Action<string>? note, CancellationToken ct)
    {
        if (await ExistsAsync(image, ct))
        {
            LogPresent(_logger, image);
            note?.Invoke($"image {image} is present");
            return;
        }

        LogPulling(_logger, image, _options.Registry.ToString());
        note?.Invoke($"image {image} is not on this node; pulling it");
        try
        {
            await _pull.ExecuteAsync(async token => await PullOnceAsync(image, note, token), ct);
        }
        catch (DockerPullFailedException e) when (!e.Transient)
        {
            throw new EngineStartException($"image '{image}' does not exist or may not be pulled: {e.Message}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new EngineStartException($"pulling image '{image}' failed after {_options.PullRetries + 1} attempt(s): {e.Message}", e);
        }

        if (!await ExistsAsync(image, ct))
        {
            throw new EngineStartException($"pulling image '{image}' ended, but the image is not on the node");
        }

        note?.Invoke($"image {image} pulled");
    }

    private async Task PullOnceAsync(string image, Action<string>? note, CancellationToken ct)
    {
        var reference = DockerImageReference.Parse(image);
        var progress = new DockerPullProgress(image, _logger, note);
        try
        {
            await _client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromImage = reference.Repository, Tag = reference.Tag },
                Credentials(),
                progress,
                ct);
        }
        catch (DockerApiException e)
        {
            var message = string.IsNullOrWhiteSpace(e.ResponseBody) ? e.Message : e.ResponseBody.Trim();
            throw new DockerPullFailedException(message, transient: e.StatusCode != HttpStatusCode.NotFound && (int)e.StatusCode >= 500 && !SaysMissing(message));
        }

        if (progress.Error is { } error)
        {
            throw new DockerPullFailedException(error, transient: !SaysMissing(error));
        }
    }

    private async Task<bool> ExistsAsync(string image, CancellationToken ct)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, ct);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private AuthConfig? Credentials()
    {
        var registry = _options.Registry;
        return registry.HasCredentials
            ? new AuthConfig
            {
                ServerAddress = registry.ServerAddress,
                Username = registry.Username,
                Password = registry.Password,
                IdentityToken = registry.IdentityToken,
            }
            : null;
    }

    /// <summary>Registry answers that no retry will change: the tag or repository is unknown, or access is denied.</summary>
    private static bool SaysMissing(string message) =>
        new[] { "not found", "manifest unknown", "does not exist", "pull access denied", "unauthorized", "denied", "invalid reference format" }
            .Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Image {Image} is present")]
    private static partial void LogPresent(ILogger logger, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling image {Image} ({Credentials})")]
    private static partial void LogPulling(ILogger logger, string image, string credentials);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pull attempt failed; attempt {Attempt} in {DelaySeconds} s: {Reason}")]
    private static partial void LogPullRetry(ILogger logger, int attempt, double delaySeconds, string reason);
}

/// <summary>One pull attempt failed; <see cref="Transient"/> says whether another attempt may succeed.</summary>
internal sealed class DockerPullFailedException(string message, bool transient) : Exception(message)
{
    public bool Transient { get; } = transient;
}
