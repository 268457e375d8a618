using SglangCi.Interfaces.Presets;

namespace SglangCi.Integration.Tests.Storage;

internal static class TestPresets
{
    public static ModelPreset Grok(int version = 1) => new(
        Name: "grok1-int4",
        Version: version,
        Model: "GROK1",
        Variant: "MOE-I4F8",
        ModelPath: "/models/grok-1-W4A8KV8",
        TokenizerPath: null,
        Quantization: "fp8",
        GpuCount: 8,
        Launch: new Dictionary<string, HardwareLaunch>
        {
            ["*"] = new(["--tp", "8", "--attention-backend", "aiter"], new Dictionary<string, string> { ["SGLANG_AITER"] = "1" }),
            ["mi30x"] = new(["--tp", "8"], new Dictionary<string, string>()),
        },
        Gsm8k: new Gsm8kPlan(0.8, 3, 1319, 64, 5, Gsm8kGateRule.EarlyExit),
        Benchmark: new Dictionary<string, BenchmarkPlan>
        {
            ["*"] = new(LoadKind.Concurrency, [new LoadPoint(1, 16), new LoadPoint(64.5, 256)], 3, 1024, 1024, 0.5),
        });

    /// <summary>Records with dictionaries compare by reference; this compares what was stored.</summary>
    public static void AssertSame(ModelPreset expected, ModelPreset? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Launch = null!, Benchmark = null! }, actual with { Launch = null!, Benchmark = null! });
        Assert.Equal(expected.Launch.Keys.Order(), actual.Launch.Keys.Order());
        foreach (var (hardware, launch) in expected.Launch)
        {
            Assert.Equal(launch.ServerArgs, actual.Launch[hardware].ServerArgs);
            Assert.Equal(launch.Environment.OrderBy(e => e.Key), actual.Launch[hardware].Environment.OrderBy(e => e.Key));
        }

        var plan = Assert.Single(actual.Benchmark);
        Assert.Equal("*", plan.Key);
        Assert.Equal(expected.Benchmark["*"] with { Points = [] }, plan.Value with { Points = [] });
        Assert.Equal(expected.Benchmark["*"].Points, plan.Value.Points);
    }
}
