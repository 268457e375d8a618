using SglangCi.Toolkit.Downloads;

namespace SglangCi.Toolkit.Tests.Downloads;

public sealed class ModelDownloadCatalogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_shipped_catalog_holds_the_old_table()
    {
        var catalog = ModelDownloadCatalog.LoadShipped();

        Assert.Equal(13, catalog.Entries.Count);
        var grok = catalog.Find("grok1-int4");
        Assert.NotNull(grok);
        Assert.Equal(("amd/grok-1-W4A8KV8", "amd--grok-1-W4A8KV8", 223d), (grok.HfRepo, grok.LocalDir, grok.ApproxSizeGb));
        Assert.Equal(("xai-org/grok-2", "grok-2"), (catalog.Find("GROK2")!.HfRepo, catalog.Find("GROK2")!.LocalDir));
        Assert.Equal(["mi30x", "mi35x"], catalog.HardwareNames);
        Assert.Equal("/data/amd--grok-1-W4A8KV8", grok.LocalPath("/data"));
    }

    [Fact]
    public void The_shipped_resource_is_the_repository_file()
    {
        var file = ModelDownloadCatalog.Load(Path.Combine(TestPaths.RepositoryRoot, "deploy", "downloads", "models.json"));
        var shipped = ModelDownloadCatalog.LoadShipped();

        Assert.Equal(file.Entries.Select(e => e.Key), shipped.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Select_takes_keys_in_order_once_each_else_the_hardwares_entries_and_names_what_exists_on_a_bad_key()
    {
        var catalog = ModelDownloadCatalog.LoadShipped();

        Assert.Equal(["GROK2", "GROK1-INT4"], catalog.Select(["grok2", "GROK1-int4", "Grok2"], "mi35x").Select(e => e.Key));
        Assert.Equal(catalog.ForHardware("mi30x"), catalog.Select([], "mi30x"));
        Assert.Equal(catalog.Entries, catalog.Select([], null));
        Assert.Equal("GPT-OSS-120B-LMSYS", Assert.Single(catalog.Select(["gpt-oss-120b-lmsys"], null)).Key);

        var unknown = Assert.Throws<ArgumentException>(() => catalog.Select(["GROK9"], null));
        Assert.StartsWith("Unknown model 'GROK9'; the catalog (deploy/downloads/models.json (shipped)) has GPT-OSS-120B-LMSYS, ", unknown.Message);
        var elsewhere = Assert.Throws<ArgumentException>(() => catalog.Select(["GPT-OSS-120B-LMSYS"], "mi35x"));
        Assert.Equal("Model GPT-OSS-120B-LMSYS is not used on mi35x (catalog hardware: mi30x).", elsewhere.Message);
    }

    [Theory]
    [InlineData("mi30x", "GPT-OSS-120B-LMSYS", "GPT-OSS-120B-OPENAI")]
    [InlineData("mi35x", "GPT-OSS-120B-OPENAI", "GPT-OSS-120B-LMSYS")]
    public void For_hardware_selects_its_own_entries_plus_the_shared_ones(string hardware, string included, string excluded)
    {
        var catalog = ModelDownloadCatalog.LoadShipped();

        var selected = catalog.ForHardware(hardware).Select(e => e.Key).ToList();

        Assert.Contains(included, selected);
        Assert.DoesNotContain(excluded, selected);
        Assert.Equal(11, selected.Count);
        Assert.Contains("DEEPSEEK-V3", selected);
        Assert.Contains("GROK1-TOKENIZER", selected);
    }

    [Theory]
    [InlineData("""{ "models": { "X": { "localDir": "x", "approxSizeGb": 1, "hardware": ["mi35x"] } } }""", "$.models['X'].hfRepo")]
    [InlineData("""{ "models": { "X": { "hfRepo": "a/b", "localDir": "../x", "approxSizeGb": 1, "hardware": ["mi35x"] } } }""", "$.models['X'].localDir")]
    [InlineData("""{ "models": { "X": { "hfRepo": "a/b", "localDir": "x", "approxSizeGb": "big", "hardware": ["mi35x"] } } }""", "$.models['X'].approxSizeGb")]
    [InlineData("""{ "models": { "X": { "hfRepo": "a/b", "localDir": "x", "approxSizeGb": 1, "hardware": ["mi35x", 3] } } }""", "$.models['X'].hardware[1]")]
    [InlineData("""{ "models": { "X": { "hfRepo": "not-a-repo", "localDir": "x", "approxSizeGb": 1, "hardware": ["mi35x"] } } }""", "$.models['X'].hfRepo")]
    [InlineData("""{ "entries": [] }""", "$.models")]
    public void A_malformed_catalog_names_the_file_and_the_json_path(string json, string path)
    {
        var file = _temp.Combine("broken-models.json");
        File.WriteAllText(file, json);

        var error = Assert.Throws<InvalidDataException>(() => ModelDownloadCatalog.Load(file));

        Assert.StartsWith(file + ": " + path + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_line()
    {
        var file = _temp.Combine("models.json");
        File.WriteAllText(file, "{\n  \"models\": {\n    \"X\": { \"hfRepo\": }\n  }\n}");

        var error = Assert.Throws<InvalidDataException>(() => ModelDownloadCatalog.Load(file));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_catalog_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => ModelDownloadCatalog.Load(_temp.Combine("absent.json")));
    }
}
