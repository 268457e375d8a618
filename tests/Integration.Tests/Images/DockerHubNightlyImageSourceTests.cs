using SglangCi.Grains.Schedules;
using SglangCi.Integration.Tests.Infrastructure;
using SglangCi.Silo.Images;

namespace SglangCi.Integration.Tests.Images;

/// <summary>
/// The silo's nightly image source, what schedules ask when they fire: against a loopback server shaped like Docker
/// Hub's tags API, it finds tonight's image, falls back to the mi30x ROCm 6.3 build and to earlier nights as the
/// policy says, says what it tried when nothing matches, and reports a registry that does not answer as an error
/// rather than as "no image".
/// </summary>
public sealed class DockerHubNightlyImageSourceTests : IDisposable
{
    private static readonly DateOnly Night = new(2025, 12, 8);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private readonly DockerHubTagsServer _registry = new(
        ["v0.5.6-rocm700-mi35x-20251208", "v0.5.6-rocm700-mi30x-20251208-srt"],
        ["v0.5.6-rocm630-mi30x-20251208", "v0.5.6-rocm700-mi30x-20251207"]);

    public void Dispose()
    {
        _registry.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Tonights_primary_build_is_found_with_its_night_and_build()
    {
        var found = await FindAsync("mi35x", ["rocm700"], nights: 1);

        Assert.Equal(("rocm/sgl-dev:v0.5.6-rocm700-mi35x-20251208", Night, "rocm700"), (found.Image, found.Date, found.Rocm));
    }

    [Fact]
    public async Task Mi30x_falls_back_to_the_rocm630_build_of_the_same_night_before_an_earlier_night()
    {
        var found = await FindAsync("mi30x", ["rocm700", "rocm630"], nights: 2);

        Assert.Equal(("rocm/sgl-dev:v0.5.6-rocm630-mi30x-20251208", Night, "rocm630"), (found.Image, found.Date, found.Rocm));
        Assert.Equal(["2025-12-08 rocm700", "2025-12-08 rocm630"], found.Tried);
    }

    [Fact]
    public async Task Continue_run_days_takes_an_earlier_night_of_the_primary_build()
    {
        var found = await FindAsync("mi30x", ["rocm700"], nights: 2);

        Assert.Equal(("rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251207", Night.AddDays(-1)), (found.Image, found.Date));
    }

    [Fact]
    public async Task Nothing_found_lists_every_night_and_build_tried()
    {
        var found = await FindAsync("mi35x", ["rocm700"], nights: 1, today: Night.AddDays(1));

        Assert.False(found.Found);
        Assert.Equal(["2025-12-09 rocm700"], found.Tried);
    }

    [Fact]
    public async Task A_registry_that_does_not_answer_is_an_error_not_a_missing_image()
    {
        var source = new DockerHubNightlyImageSource(_http, new Uri("http://127.0.0.1:1/"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            source.FindAsync(new NightlyImageRequest("rocm/sgl-dev", "mi35x", Night, ["rocm700"], 1), CancellationToken.None));

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }

    private Task<NightlyImageLookup> FindAsync(string hardware, string[] builds, int nights, DateOnly? today = null) =>
        new DockerHubNightlyImageSource(_http, _registry.BaseUrl)
            .FindAsync(new NightlyImageRequest("rocm/sgl-dev", hardware, today ?? Night, builds, nights), CancellationToken.None);
}
