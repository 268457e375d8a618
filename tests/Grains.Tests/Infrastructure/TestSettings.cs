namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>Host configuration of test silos: the shared GSM8K file, a fast simulator, short run timings.</summary>
public static class TestSettings
{
    public static Dictionary<string, string?> Values(string dataDirectory, string? secondaryName = null) => new()
    {
        [TestSiloConfigurator.DataDirKey] = dataDirectory,
        [TestSiloConfigurator.SecondaryNameKey] = secondaryName,
        ["SglangCi:Gsm8k:DatasetPath"] = RepoPaths.Gsm8kDataset,
        ["SglangCi:Simulator:PrefillBaseMs"] = "1",
        ["SglangCi:Simulator:PrefillMsPerToken"] = "0.001",
        ["SglangCi:Simulator:DecodeStepBaseMs"] = "1",
        ["SglangCi:Simulator:DecodeStepMsPerRequest"] = "0.01",
        ["SglangCi:Runs:LeaseTimeToLive"] = "00:00:30",
        ["SglangCi:Runs:LeasePollInterval"] = "00:00:00.200",
        ["SglangCi:Runs:EnginePollInterval"] = "00:00:00.100",
        ["SglangCi:Runs:EngineStartupTimeout"] = "00:00:30",
        ["SglangCi:Runs:WatchdogPeriod"] = "00:00:05",
        ["SglangCi:Runs:KeepAlivePeriod"] = "00:00:01",
        ["SglangCi:Nodes:ExpiryCheckPeriod"] = "00:00:00.250",
        ["SglangCi:Nodes:ProbeInterval"] = "00:00:00.050",
        ["SglangCi:Alerts:RetryBaseDelay"] = "00:00:00.500",
        ["SglangCi:Alerts:WebhookRetryDelay"] = "00:00:00.100",
        ["SglangCi:Alerts:WebhookTimeout"] = "00:00:03",
        ["SglangCi:Alerts:PumpPeriod"] = "00:00:00.200",
    };
}
