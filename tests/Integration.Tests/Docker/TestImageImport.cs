using Docker.DotNet;
using Docker.DotNet.Models;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// How the test images get into Docker without a registry: a rootfs tar <c>docker import</c>ed with the image's settings,
/// labelled with a fingerprint of what went into it, so an image with the same fingerprint is reused and a changed one
/// is rebuilt.
/// </summary>
public static class TestImageImport
{
    public const string FingerprintLabel = "sglang-ci.test-image-fingerprint";

    /// <summary>Whether <paramref name="tag"/> exists with this fingerprint; else the id of an outdated image of that tag, if any.</summary>
    public static async Task<(bool Current, string? OutdatedId)> FindAsync(IDockerClient client, string tag, string fingerprint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var existing = await client.Images.InspectImageAsync(tag, ct);
            var current = existing.Config?.Labels is { } labels && labels.TryGetValue(FingerprintLabel, out var found) && found == fingerprint;
            return (current, current ? null : existing.ID);
        }
        catch (DockerImageNotFoundException)
        {
            return (false, null);
        }
    }

    /// <summary>Imports <paramref name="rootfs"/> as <c>repository:tag</c> with <paramref name="changes"/> (Dockerfile
    /// instructions) and the fingerprint label; throws naming Docker's errors.</summary>
    public static async Task ImportAsync(
        IDockerClient client, string repository, string tag, string fingerprint, IEnumerable<string> changes, Stream rootfs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var errors = new List<string>();
        await client.Images.CreateImageAsync(
            new ImagesCreateParameters
            {
                FromSrc = "-",
                Repo = repository,
                Tag = tag,
                Changes = [$"LABEL {FingerprintLabel}={fingerprint}", .. changes],
            },
            rootfs,
            null,
            new Progress<JSONMessage>(m =>
            {
                if (m?.Error?.Message is { Length: > 0 } error)
                {
                    errors.Add(error);
                }
                else if (m?.ErrorMessage is { Length: > 0 } message)
                {
                    errors.Add(message);
                }
            }),
            ct);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"docker import of {repository}:{tag} failed: {string.Join("; ", errors)}");
        }
    }
}
