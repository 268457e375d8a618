namespace SglangCi.Grains.Alerts;

/// <summary>How far a delivery got: the first <see cref="Delivered"/> messages went; <see cref="Error"/> (redacted) stopped the rest.</summary>
public sealed record AlertDeliveryResult(int Delivered, string? Error);
