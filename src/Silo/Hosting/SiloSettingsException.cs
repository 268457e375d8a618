namespace SglangCi.Silo.Hosting;

/// <summary>A setting this silo cannot start with; the message names the key (and its command-line switch) to fix.</summary>
public sealed class SiloSettingsException(string message) : Exception(message);
