using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Simulated;

namespace SglangCi.Integration.Tests.Simulator;

/// <summary>
/// The simulated node's image folders: names that could leave the store or hide in it are refused, distinct names never
/// share a folder, and runs keeping one tag at once both finish with one whole image.
/// </summary>
public sealed class SimulatedImageStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sglci-image-store-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _source;

    public SimulatedImageStoreTests()
    {
        _source = Path.Combine(_root, "source");
        Directory.CreateDirectory(Path.Combine(_source, "python"));
        File.WriteAllText(Path.Combine(_source, "python", "server.py"), "print('base')\n");
    }

    private SimulatedImageStore Store => new(Path.Combine(_root, "store"), _source);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData(".scratch")]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Names_that_are_empty_or_start_with_a_dot_are_refused(string tag)
    {
        var store = Store;
        var scratch = await NewScratchAsync(store, "base");

        var refused = await Assert.ThrowsAsync<EngineStartException>(() => store.KeepAsync(scratch, Launch(), [tag], CancellationToken.None));

        Assert.Contains("is empty or starts with '.'", refused.Message, StringComparison.Ordinal);
        Assert.False(store.Holds(tag));
        Assert.Equal(["source", "store"], Directory.GetDirectories(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<EngineStartException>(() => store.CopyToScratchAsync("..", store.ScratchPath(), CancellationToken.None));
    }

    [Fact]
    public async Task Names_that_differ_only_in_characters_a_folder_cannot_hold_are_different_images()
    {
        var store = Store;
        await store.KeepAsync(await NewScratchAsync(store, "base"), Launch(), ["a/b"], CancellationToken.None);

        Assert.True(store.Holds("a/b"));
        Assert.False(store.Holds("a_b"));
        Assert.False(store.Holds("a:b"));
        Assert.False(Directory.Exists(Path.Combine(_root, "store", "a")));
    }

    [Fact]
    public async Task Two_runs_keeping_one_tag_at_once_both_succeed_and_leave_one_whole_image()
    {
        var store = Store;
        var scratches = new[] { await NewScratchAsync(store, "base"), await NewScratchAsync(store, "base") };
        await File.WriteAllTextAsync(Path.Combine(scratches[0], "python", "server.py"), "print('first')\n");
        await File.WriteAllTextAsync(Path.Combine(scratches[1], "python", "server.py"), "print('second')\n");

        var kept = await Task.WhenAll(scratches.Select(s => Task.Run(() => store.KeepAsync(s, Launch(), ["sglang-pr7", "sglang-pr7-1a2b3c4"], CancellationToken.None))));

        Assert.All(kept, k => Assert.Equal(["sglang-pr7", "sglang-pr7-1a2b3c4"], k.Tags));
        var copy = await NewScratchAsync(store, "sglang-pr7");
        Assert.Contains(await File.ReadAllTextAsync(Path.Combine(copy, "python", "server.py")), new[] { "print('first')\n", "print('second')\n" });
        Assert.Equal("base", store.LabelsOf("sglang-pr7")![ImageCommitLabels.BaseImage]);
    }

    [Fact]
    public async Task Scratch_leftovers_are_removed_when_the_store_starts_and_a_failing_discard_does_not_throw()
    {
        var store = Store;
        var leftover = await NewScratchAsync(store, "base");

        store.CleanScratch();

        Assert.False(Directory.Exists(leftover));
        SimulatedImageStore.Discard(leftover);
    }

    private static async Task<string> NewScratchAsync(SimulatedImageStore store, string image)
    {
        var scratch = store.ScratchPath();
        await store.CopyToScratchAsync(image, scratch, CancellationToken.None);
        return scratch;
    }

    private static EngineLaunch Launch() => new("run-1", "base", "", [], new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
}
