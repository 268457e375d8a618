using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Download;

/// <summary>Registers the standalone <c>download-models</c> command, which talks to the Hugging Face Hub, not the cluster.</summary>
public static class DownloadCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<DownloadModelsCommand>("download-models")
            .WithDescription("Download the catalog's models from Hugging Face into BASE_DIR (replaces download_models.sh): skips complete files, resumes partial ones, verifies hashes, checks disk space first. Exit 1 when a model failed.")
            .WithExample("download-models", "--hardware", "mi35x", "--dry-run")
            .WithExample("download-models", "--model", "GROK1-INT4", "--model", "GROK1-TOKENIZER", "--base-dir", "/mnt/raid/models/huggingface")
            .WithExample("download-models", "--all", "--status")
            .WithExample("download-models", "--all", "--verify", "--json");
    }
}
