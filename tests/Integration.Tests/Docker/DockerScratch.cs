using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// Tiny images and containers a Docker test makes on a dockerd that may be shared: imported from a one-file tar built
/// here (no registry needed), and all force-removed on disposal whatever the test did or removed itself.
/// </summary>
public sealed class DockerScratch(IDockerClient client) : IAsyncDisposable
{
    private readonly List<string> _images = [];
    private readonly List<string> _containers = [];

    /// <summary>Imports a one-file image as <paramref name="repository"/>:<paramref name="tag"/> (<paramref name="content"/> plus a
    /// fresh Guid make its id unique); returns its id.</summary>
    public async Task<string> ImportAsync(string repository, string tag, string content)
    {
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "hello.txt")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"{content} {Guid.NewGuid()}\n")),
                Mode = (UnixFileMode)0b110_100_100,
            });
        }

        tar.Position = 0;
        await client.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag }, tar, null, new Progress<JSONMessage>());
        var id = (await client.Images.InspectImageAsync($"{repository}:{tag}")).ID;
        _images.Add(id);
        return id;
    }

    /// <summary>Creates (never starts) a container of <paramref name="image"/>, so the image counts as used.</summary>
    public async Task<string> CreateContainerAsync(string image, string name)
    {
        var id = (await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, Cmd = ["/nothing"], Name = name })).ID;
        _containers.Add(id);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true });
        }

        foreach (var image in _images)
        {
            try
            {
                await client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true });
            }
            catch (DockerApiException)
            {
                // Removed by the test.
            }
        }
    }
}
