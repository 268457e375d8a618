using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SglangCi.Interfaces.Alerts;
using SglangCi.Toolkit.Alerts;

namespace SglangCi.Grains.Alerts;

/// <summary>
/// Delivers a batch of alerts in order, stopping at the first failure so order is kept: a JSON line per
/// message to a file, or a POST per message to a webhook in its kind's <see cref="AlertWebhookFormat"/>, whose URL is
/// read from configuration (or the environment) at send time: never stored, never logged, errors are redacted before
/// they leave this class.
/// </summary>
public sealed partial class AlertDelivery
{
    public const string HttpClientName = "sglci-alerts";

    private readonly IHttpClientFactory _httpClients;
    private readonly IConfiguration _configuration;
    private readonly ILogger<AlertDelivery> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _webhookPipeline;
    private readonly string? _fileRoot;

    public AlertDelivery(IHttpClientFactory httpClients, IConfiguration configuration, IOptions<AlertChannelOptions> options, ILogger<AlertDelivery> logger)
    {
        _httpClients = httpClients;
        _configuration = configuration;
        _logger = logger;
        var settings = options.Value;
        _fileRoot = settings.FileRoot;
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
        ArgumentNullException.ThrowIfNull(config);
        if (config.Kind == AlertChannelKind.File)
        {
            return await WriteFileAsync(config, messages, cancellationToken);
        }

        return AlertWebhookFormat.For(config.Kind) is { } format
            ? await PostAsync(config, format, messages, cancellationToken)
            : new AlertDeliveryResult(0, $"channel '{config.Name}': unsupported kind {config.Kind}");
    }

    /// <summary>The webhook URL a channel's <see cref="AlertChannelConfig.SecretName"/> names (see <see cref="WebhookUrls"/>).</summary>
    public string? ResolveUrl(string? secretName) => WebhookUrls.Resolve(_configuration, secretName);

    /// <summary>Where a channel delivers, safe to show: a file's path, or a webhook's scheme and host with the rest masked.</summary>
    public string? DescribeTarget(AlertChannelConfig? config) => config switch
    {
        null => null,
        { Kind: AlertChannelKind.File } => config.FilePath,
        _ => ResolveUrl(config.SecretName) is { } url
            ? SecretRedaction.Mask(url)
            : $"(no URL under '{config.SecretName}')",
    };

    private async Task<AlertDeliveryResult> WriteFileAsync(AlertChannelConfig config, IReadOnlyList<AlertMessage> messages, CancellationToken cancellationToken)
    {
        // A relative path is this silo's own file (see AlertChannelOptions.FileRoot).
        var path = Path.GetFullPath(config.FilePath!, _fileRoot ?? Directory.GetCurrentDirectory());
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
                var line = GenericAlertJson.Render(AlertCards.From(message), includeKey: true).ToJsonString();
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

    private async Task<AlertDeliveryResult> PostAsync(
        AlertChannelConfig config, AlertWebhookFormat format, IReadOnlyList<AlertMessage> messages, CancellationToken cancellationToken)
    {
        var url = ResolveUrl(config.SecretName);
        if (string.IsNullOrWhiteSpace(url))
        {
            return new AlertDeliveryResult(0, $"channel '{config.Name}': neither configuration nor the environment holds a webhook URL under '{config.SecretName}'");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return new AlertDeliveryResult(0, $"channel '{config.Name}': '{config.SecretName}' does not hold an http(s) URL");
        }

        var http = _httpClients.CreateClient(HttpClientName);
        var delivered = 0;
        foreach (var message in messages)
        {
            string? error;
            try
            {
                var body = format.Render(AlertCards.From(message));
                using var response = await _webhookPipeline.ExecuteAsync(
                    async token =>
                    {
                        // A fresh content per attempt: a retry must not depend on a sent content being reusable.
                        using var content = new StringContent(body, Encoding.UTF8, "application/json");
                        return await http.PostAsync(target, content, token);
                    },
                    cancellationToken);
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                error = format.Refusal(response.StatusCode, response.ReasonPhrase, answer);
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
