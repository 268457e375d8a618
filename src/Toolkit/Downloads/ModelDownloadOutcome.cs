namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// One catalog model's download as a batch sees it (the CLI's <c>download-models</c>, the silo's model-download runs):
/// the result, or the error that stopped this model without stopping the others.
/// </summary>
/// <param name="LocalDirectory">The model directory under the base directory.</param>
/// <param name="Result">What was planned and transferred; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the model failed (listing, disk space, hash, a file still failing after the retries, a
/// local write); null on success. Never holds the access token.</param>
public sealed record ModelDownloadOutcome(ModelDownloadEntry Entry, string LocalDirectory, DownloadResult? Result, string? Error)
{
    public bool Succeeded => Error is null;
}
