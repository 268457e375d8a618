using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SglangCi.Interfaces.Alerts;

namespace SglangCi.Grains.Alerts;

/// <summary>
/// Delivers a batch of alerts in order, stopping at the first failure so order is kept: a JSON line per
/// message to a file, or a POST per message to a webhook whose URL is read from configuration at send time
/// (never stored, never logged: errors are redacted before they leave this class).
/// </summary>
public sealed partial class AlertDelivery
{
    public const string HttpClientName = "sglci-alerts";

    private readonly IHttpClientFactory _httpClients;
    private readonly IConfiguration _configuration;
    private readonly ILogger<AlertDelivery> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _webhookPipeline;

    public AlertDelivery(IHttpClientFactory httpClients, IConfiguration configuration, IOptions<AlertChannelOptions> options, ILogger<AlertDelivery> logger)
    {
        _httpClients = httpClients;
        _configuration = configuration;
        _logger = logger;
        var settings = options.Value;
        _webhookPipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, settings.WebhookRetries),
                Delay = settings.WebhookRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || (int)r.StatusCode == 429),
            })
            .AddTimeout(settings.WebhookTimeout)
            .Build();
    }

    public async Task<AlertDeliveryResult> DeliverAsync(AlertChannelConfig config, IReadOnlyList<AlertMessage> messages, CancellationToken cancellationToken)
    {
        return config.Kind switch
        {
            AlertChannelKind.File => await WriteFileAsync(config, messages, cancellationToken),
            AlertChannelKind.Webhook => await PostAsync(config, messages, cancellationToken),
            _ => new AlertDeliveryResult(0, $"channel '{config.Name}': unsupported kind {config.Kind}"),
        };
    }

    private async Task<AlertDeliveryResult> WriteFileAsync(AlertChannelConfig config, IReadOnlyList<AlertMessage> messages, CancellationToken cancellationToken)
    {
        var path = config.FilePath!;
        var delivered = 0;
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await using var writer = new StreamWriter(stream);
            foreach (var message in messages)
            {
                var line = System.Text.Json.JsonSerializer.Serialize(AlertPayload.For(message, includeKey: true), AlertPayload.Json);
                await writer.WriteAsync(line.AsMemory(), cancellationToken);
                await writer.WriteAsync("\n".AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
                delivered++;
            }

            return new AlertDeliveryResult(delivered, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            var error = $"channel '{config.Name}': writing '{path}' failed: {e.Message}";
            LogDeliveryFailed(_logger, config.Name, error);
            return new AlertDeliveryResult(delivered, error);
        }
    }

    private async Task<AlertDeliveryResult> PostAsync(AlertChannelConfig config, IReadOnlyList<AlertMessage> messages, CancellationToken cancellationToken)
    {
        var url = string.IsNullOrWhiteSpace(config.SecretName) ? null : _configuration[config.SecretName];
        if (string.IsNullOrWhiteSpace(url))
        {
            return new AlertDeliveryResult(0, $"channel '{config.Name}': configuration key '{config.SecretName}' holds no webhook URL");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return new AlertDeliveryResult(0, $"channel '{config.Name}': configuration key '{config.SecretName}' is not an http(s) URL");
        }

        var http = _httpClients.CreateClient(HttpClientName);
        var delivered = 0;
        foreach (var message in messages)
        {
            string? error;
            try
            {
                var payload = AlertPayload.For(message, includeKey: false);
                using var response = await _webhookPipeline.ExecuteAsync(
                    async token => await http.PostAsJsonAsync(target, payload, AlertPayload.Json, token),
                    cancellationToken);
                error = response.IsSuccessStatusCode
                    ? null
                    : $"webhook answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
            {
                error = $"webhook post failed: {e.Message}";
            }

            if (error is not null)
            {
                error = SecretRedaction.Redact($"channel '{config.Name}': {error}", url);
                LogDeliveryFailed(_logger, config.Name, error);
                return new AlertDeliveryResult(delivered, error);
            }

            delivered++;
        }

        return new AlertDeliveryResult(delivered, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert channel {Channel}: {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, string channel, string error);
}
