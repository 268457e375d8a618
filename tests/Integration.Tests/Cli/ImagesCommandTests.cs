using System.Text.Json;
using SglangCi.Cli;
using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.Cli;

/// <summary>
/// <c>images find</c> and <c>images check</c> as a cron script meets them: JSON on stdout and exit codes, against a
/// loopback server shaped like Docker Hub's tags API (two pages linked by <c>next</c>, the single-tag endpoint).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ImagesCommandTests : IDisposable
{
    private readonly DockerHubTagsServer _registry = new(
        ["v0.5.6-rocm700-mi35x-20251208", "v0.5.6-rocm700-mi30x-20251208-srt"],
        ["v0.5.6-rocm630-mi30x-20251208", "v0.5.6-rocm700-mi30x-20251207"]);

    public void Dispose() => _registry.Dispose();

    [Fact]
    public async Task Find_prints_the_rocm630_fallback_as_json_when_the_rocm700_image_is_missing()
    {
        var r = await InProcessCli.RunAsync(
            "images", "find", "--hardware", "mi30x", "--date", "2025-12-08", "--registry", _registry.BaseUrl.AbsoluteUri, "--json");

        Assert.True(r.ExitCode == ExitCodes.Success, r.ToString());
        var json = JsonDocument.Parse(r.StandardOutput).RootElement;
        Assert.True(json.GetProperty("found").GetBoolean());
        Assert.Equal("rocm/sgl-dev:v0.5.6-rocm630-mi30x-20251208", json.GetProperty("image").GetString());
        Assert.Equal("2025-12-08", json.GetProperty("date").GetString());
        Assert.Equal("rocm630", json.GetProperty("rocm").GetString());
        Assert.True(json.GetProperty("isFallback").GetBoolean());
        Assert.Equal(2, json.GetProperty("attempts").GetArrayLength());
        Assert.Equal(2, json.GetProperty("pagesRead").GetInt32());
    }

    [Fact]
    public async Task Find_exits_1_when_no_image_matches()
    {
        var r = await InProcessCli.RunAsync(
            "images", "find", "--hardware", "mi35x", "--date", "2025-12-09", "--registry", _registry.BaseUrl.AbsoluteUri, "--json");

        Assert.True(r.ExitCode == ExitCodes.Failure, r.ToString());
        Assert.False(JsonDocument.Parse(r.StandardOutput).RootElement.GetProperty("found").GetBoolean());
    }

    [Fact]
    public async Task Check_prints_the_old_verdict_lines_and_exits_1_when_a_required_image_is_missing()
    {
        var r = await InProcessCli.RunAsync("images", "check", "--date", "2025-12-08", "--registry", _registry.BaseUrl.AbsoluteUri);

        Assert.True(r.ExitCode == ExitCodes.Failure, r.ToString());
        Assert.Contains("2025-12-08 mi30x rocm700  ✗ NOT FOUND", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2025-12-08 mi30x rocm630  ✓ AVAILABLE", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2025-12-08 mi35x rocm700  ✓ AVAILABLE", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("status: warning", r.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_json_of_a_complete_night_is_ok_and_exits_0()
    {
        using var complete = new DockerHubTagsServer(["v0.5.6-rocm700-mi30x-20251207", "v0.5.6-rocm700-mi35x-20251207"]);

        var r = await InProcessCli.RunAsync("images", "check", "--date", "2025-12-07", "--registry", complete.BaseUrl.AbsoluteUri, "--json");

        Assert.True(r.ExitCode == ExitCodes.Success, r.ToString());
        var json = JsonDocument.Parse(r.StandardOutput).RootElement;
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal(1, json.GetProperty("missing").GetInt32());
        Assert.Equal("not-found", json.GetProperty("images")[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_registry_error_exits_1_naming_the_url_on_stderr()
    {
        var r = await InProcessCli.RunAsync("images", "check", "--registry", "http://127.0.0.1:1/", "--json");

        Assert.True(r.ExitCode == ExitCodes.Failure, r.ToString());
        Assert.Contains("http://127.0.0.1:1/v2/repositories/rocm/sgl-dev/tags/?page_size=100", r.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.StandardOutput);
    }

    [Fact]
    public async Task A_bad_time_zone_is_a_usage_error()
    {
        var r = await InProcessCli.RunAsync("images", "find", "--hardware", "mi30x", "--time-zone", "Mars/Olympus");

        Assert.True(r.ExitCode == ExitCodes.BadArguments, r.ToString());
        Assert.Contains("Mars/Olympus", r.StandardError, StringComparison.Ordinal);
    }
}
