using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Simulated;
using SglangCi.SimulatedEngine;

namespace SglangCi.Integration.Tests.Simulator;

public sealed class SimulatedLaunchOverridesTests
{
    private static EngineLaunch Launch(IReadOnlyDictionary<string, string> environment, params string[] serverArgs) =>
        new("r", "simulated", "/models/grok-1/", serverArgs, environment, TimeSpan.FromMinutes(1));

    private static SimulatedEngineOptions Apply(string key, string value) =>
        SimulatedLaunchOverrides.Apply(new SimulatedEngineOptions(), Launch(new Dictionary<string, string> { [key] = value }));

    [Fact]
    public void Every_setting_applies_its_value()
    {
        var env = new Dictionary<string, string>
        {
            ["SGLCI_SIM_GSM8K_ACCURACY"] = "0.25",
            ["SGLCI_SIM_STARTUP_DELAY_MS"] = "1500",
            ["SGLCI_SIM_PREFILL_BASE_MS"] = "3",
            ["SGLCI_SIM_PREFILL_MS_PER_TOKEN"] = "0.5",
            ["SGLCI_SIM_DECODE_STEP_MS"] = "7",
            ["SGLCI_SIM_DECODE_STEP_MS_PER_REQUEST"] = "0.1",
            ["SGLCI_SIM_MAX_RUNNING_REQUESTS"] = "32",
            ["SGLCI_SIM_SEED"] = "-4",
            ["SGLCI_SIM_FAIL_STARTUP"] = "True",
            ["SGLCI_SIM_ERROR_RATE"] = "0.1",
            ["SGLCI_SIM_CRASH_AFTER_REQUESTS"] = "10",
            ["SGLCI_SIM_STALL_AFTER_TOKENS"] = "0",
            ["HIP_VISIBLE_DEVICES"] = "0,1",
        };

        var options = SimulatedLaunchOverrides.Apply(new SimulatedEngineOptions(), Launch(env, "--tp", "8", "--attention-backend=aiter", "--trust-remote-code"));

        Assert.Equal("grok-1", options.ModelName);
        Assert.Equal(0.25, options.Gsm8kAccuracy);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.StartupDelay);
        Assert.Equal(3, options.PrefillBaseMs);
        Assert.Equal(0.5, options.PrefillMsPerToken);
        Assert.Equal(7, options.DecodeStepBaseMs);
        Assert.Equal(0.1, options.DecodeStepMsPerRequest);
        Assert.Equal(32, options.MaxRunningRequests);
        Assert.Equal(-4, options.Seed);
        Assert.True(options.Faults.FailStartup);
        Assert.Equal(0.1, options.Faults.ErrorRate);
        Assert.Equal(10, options.Faults.CrashAfterRequests);
        Assert.Equal(0, options.Faults.StallAfterTokens);
        Assert.Equal("8", options.ServerArgs!["tp_size"]);
        Assert.Equal("aiter", options.ServerArgs["attention_backend"]);
        Assert.Equal("true", options.ServerArgs["trust_remote_code"]);
    }

    [Fact]
    public void Without_settings_the_base_options_stay()
    {
        var baseOptions = new SimulatedEngineOptions { Gsm8kAccuracy = 0.5, Seed = 9 };
        var options = SimulatedLaunchOverrides.Apply(baseOptions, Launch(new Dictionary<string, string>()));
        Assert.Equal(0.5, options.Gsm8kAccuracy);
        Assert.Equal(9, options.Seed);
        Assert.False(options.Faults.FailStartup);
    }

    [Fact]
    public void A_disabled_fault_flag_reads_false()
    {
        Assert.False(Apply("SGLCI_SIM_FAIL_STARTUP", "0").Faults.FailStartup);
        Assert.False(Apply("SGLCI_SIM_FAIL_STARTUP", "false").Faults.FailStartup);
    }

    [Theory]
    [InlineData("SGLCI_SIM_GSM8K_ACCURACY", "0,9", "a number between 0 and 1")]
    [InlineData("SGLCI_SIM_GSM8K_ACCURACY", "1.5", "a number between 0 and 1")]
    [InlineData("SGLCI_SIM_ERROR_RATE", "-0.1", "a number between 0 and 1")]
    [InlineData("SGLCI_SIM_ERROR_RATE", "NaN", "a number between 0 and 1")]
    [InlineData("SGLCI_SIM_STARTUP_DELAY_MS", "soon", "a number of milliseconds, 0 or more")]
    [InlineData("SGLCI_SIM_DECODE_STEP_MS", "-1", "a number of milliseconds, 0 or more")]
    [InlineData("SGLCI_SIM_MAX_RUNNING_REQUESTS", "0", "a whole number, 1 or more")]
    [InlineData("SGLCI_SIM_MAX_RUNNING_REQUESTS", "12.5", "a whole number, 1 or more")]
    [InlineData("SGLCI_SIM_SEED", "abc", "a whole number")]
    [InlineData("SGLCI_SIM_CRASH_AFTER_REQUESTS", "-3", "a whole number, 0 or more")]
    [InlineData("SGLCI_SIM_STALL_AFTER_TOKENS", "", "a whole number, 0 or more")]
    [InlineData("SGLCI_SIM_FAIL_STARTUP", "yes", "one of 1, true, 0, false")]
    public void An_unparsable_value_fails_the_start_naming_key_value_and_expectation(string key, string value, string expected)
    {
        var e = Assert.Throws<EngineStartException>(() => Apply(key, value));
        Assert.Equal($"preset environment {key}='{value}' is not {expected}", e.Message);
    }

    [Fact]
    public void A_misspelled_setting_fails_the_start_listing_the_known_ones()
    {
        var e = Assert.Throws<EngineStartException>(() => Apply("SGLCI_SIM_GSM8K_ACCURACCY", "0.9"));
        Assert.StartsWith("preset environment SGLCI_SIM_GSM8K_ACCURACCY='0.9' is not a simulator setting; known: ", e.Message);
        Assert.Contains("SGLCI_SIM_GSM8K_ACCURACY", e.Message);
    }
}
