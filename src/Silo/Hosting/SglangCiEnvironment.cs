namespace SglangCi.Silo.Hosting;

/// <summary>Facts about this process resolved once at start-up: where data lives and which node it serves.</summary>
public sealed record SglangCiEnvironment(string DataDirectory, string NodeName)
{
    public string AlertsDirectory => Path.Combine(DataDirectory, "alerts");
}
