using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>
/// The simulated node's images: one folder per kept tag under the store (<c>TAG/sglang</c>, the checkout, and
/// <c>TAG/image.json</c>, its labels), so an image kept by one run is the base of the next (<c>--image sglang-pr7</c>).
/// An image not in the store has <see cref="SimulatedImageOptions.SglangSource"/>'s checkout. Work happens in scratch
/// copies (<c>.scratch/ID/sglang</c>) on the same disk; a failed command leaves no trace.
/// <para>
/// Image names come from runs, so each maps to exactly one folder name (<see cref="Escape"/>: one-to-one, never a path)
/// and names that are empty or start with <c>.</c> (<c>..</c>, the scratch folder) are refused. Copying an image out and
/// keeping one happen under one lock per store folder, so a copy never sees a tag half-replaced and two runs keeping the
/// same tag do not trip over each other (the later one wins, as a Docker tag moves).
/// </para>
/// </summary>
public sealed class SimulatedImageStore
{
    private const string CheckoutFolder = "sglang";
    private const string ImageFile = "image.json";
    private const string ScratchFolder = ".scratch";
    private const string HomeFolder = "home";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    private readonly string? _sglangSource;
    private readonly SemaphoreSlim _lock;

    public SimulatedImageStore(string root, string? sglangSource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _sglangSource = sglangSource;
        _lock = Locks.GetOrAdd(Root, _ => new SemaphoreSlim(1, 1));
    }

    public string Root { get; }

    /// <summary>Removes what crashed runs left in the scratch folder; call once, when the node's runtime starts using the store.</summary>
    public void CleanScratch()
    {
        var scratch = Path.Combine(Root, ScratchFolder);
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Whether <paramref name="image"/> was kept by a run of this store (false for a name it would refuse).</summary>
    public bool Holds(string image) => Problem(image) is null && Directory.Exists(CheckoutOf(image));

    /// <summary>The labels of a kept image; null when the store does not hold it.</summary>
    public IReadOnlyDictionary<string, string>? LabelsOf(string image)
    {
        if (Problem(image) is not null)
        {
            return null;
        }

        var file = Path.Combine(FolderOf(image), ImageFile);
        return File.Exists(file) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) : null;
    }

    /// <summary>A fresh scratch folder's checkout path (nothing made yet), so a caller can always <see cref="Discard"/> it.</summary>
    public string ScratchPath() => Path.Combine(Root, ScratchFolder, Guid.NewGuid().ToString("N"), CheckoutFolder);

    /// <summary>A folder beside a scratch checkout for the command's <c>HOME</c>: git reads no user's settings from it.</summary>
    public static string HomeOf(string scratch) => Path.Combine(Path.GetDirectoryName(scratch)!, HomeFolder);

    /// <summary>
    /// Fills <paramref name="scratch"/> (from <see cref="ScratchPath"/>) with a copy of <paramref name="image"/>'s checkout;
    /// throws <see cref="EngineStartException"/> for a name the store refuses, and naming
    /// <see cref="SimulatedImageOptions.SglangSourceKey"/> when the image is not kept here and no source is configured.
    /// </summary>
    public async Task CopyToScratchAsync(string image, string scratch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        await _lock.WaitAsync(ct);
        try
        {
            var from = Directory.Exists(CheckoutOf(image)) ? CheckoutOf(image) : Source(image);
            Directory.CreateDirectory(HomeOf(scratch));
            CopyTree(from, scratch, ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Keeps a scratch checkout as every tag (a tag kept before is replaced: tags move, as Docker's do).</summary>
    public async Task<CommittedImage> KeepAsync(string scratch, EngineLaunch launch, IReadOnlyList<string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Select(Problem).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new EngineStartException(problem);
        }

        var labels = ImageCommitLabels.For(launch, tags);
        var imageId = "sim-" + Guid.NewGuid().ToString("N")[..12];
        await _lock.WaitAsync(ct);
        try
        {
            foreach (var tag in tags)
            {
                var folder = FolderOf(tag);
                var staged = Path.Combine(Path.GetDirectoryName(scratch)!, "keep-" + Escape(tag));
                Directory.CreateDirectory(staged);
                CopyTree(scratch, Path.Combine(staged, CheckoutFolder), ct);
                await File.WriteAllTextAsync(Path.Combine(staged, ImageFile), JsonSerializer.Serialize(labels, Json), ct);
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                Directory.Move(staged, folder);
            }
        }
        finally
        {
            _lock.Release();
        }

        return new CommittedImage(imageId, tags);
    }

    /// <summary>Removes a scratch copy and its folder; never throws (a leftover is cleaned when the store starts next).</summary>
    public static void Discard(string scratch)
    {
        try
        {
            var folder = Path.GetDirectoryName(scratch);
            if (folder is not null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for CleanScratch: a failed clean-up must not replace the command's result.
        }
    }

    /// <summary>Why <paramref name="image"/> cannot name a folder of the store; null when it can.</summary>
    private string? Problem(string image)
    {
        if (string.IsNullOrWhiteSpace(image) || image.StartsWith('.'))
        {
            return $"simulated image name '{image}' is empty or starts with '.'";
        }

        var folder = Path.GetFullPath(Path.Combine(Root, Escape(image)));
        return Path.GetDirectoryName(folder) == Root.TrimEnd(Path.DirectorySeparatorChar) ? null : $"simulated image name '{image}' is not a folder of the store";
    }

    private string Source(string image) =>
        string.IsNullOrWhiteSpace(_sglangSource)
            ? throw new EngineStartException(
                $"simulated image '{image}' has no SGLang checkout: it was not kept by a run here and {SimulatedImageOptions.SglangSourceKey} (a local SGLang git checkout) is not set")
            : Directory.Exists(_sglangSource) ? Path.GetFullPath(_sglangSource)
            : throw new EngineStartException($"{SimulatedImageOptions.SglangSourceKey} '{_sglangSource}' is not a folder");

    private string CheckoutOf(string image) => Path.Combine(FolderOf(image), CheckoutFolder);

    private string FolderOf(string image) =>
        Problem(image) is { } problem ? throw new EngineStartException(problem) : Path.Combine(Root, Escape(image));

    /// <summary>
    /// A name as one folder name, one-to-one: letters, digits, <c>-</c>, <c>_</c> and <c>.</c> stay, every other byte of its
    /// UTF-8 form (<c>/</c>, <c>:</c>, <c>%</c> itself) becomes <c>%XX</c>, so two names never share a folder. <c>repo</c>
    /// and <c>repo:latest</c> are one image, as in Docker.
    /// </summary>
    private static string Escape(string image)
    {
        var name = image.EndsWith(":latest", StringComparison.Ordinal) ? image[..^":latest".Length] : image;
        var text = new StringBuilder(name.Length);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>Copies a folder tree, symbolic links as links (a checkout may hold them).</summary>
    private static void CopyTree(string from, string to, CancellationToken ct)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            ct.ThrowIfCancellationRequested();
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyTree(directory.FullName, target, ct);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
