using SglangCi.Toolkit.Downloads;

namespace SglangCi.Silo.RunKinds.ModelDownload;

/// <summary>
/// Where a silo's model-download runs put the weights and whom they ask (configuration section
/// <c>SglangCi:Downloads</c>). The access token is never configured here: it is read from <c>HF_TOKEN</c> (or the token
/// file <c>huggingface-cli login</c> wrote) on the node, and never logged.
/// </summary>
public sealed class ModelDownloadSettings
{
    public const string SectionName = "SglangCi:Downloads";

    /// <summary>The old <c>download_models.sh</c>'s <c>BASE_DIR</c> default.</summary>
    public const string DefaultBaseDirectory = "/data";

    /// <summary>How long a job may download when it sets no <c>timeout</c>: the big repos are hundreds of GB.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(12);

    /// <summary>Models go to <c>BaseDirectory/&lt;catalog localDir&gt;</c>, the paths the presets' model paths point at.</summary>
    public string BaseDirectory { get; set; } = DefaultBaseDirectory;

    /// <summary>Hub or mirror root; null: <c>HF_ENDPOINT</c> when the silo's environment sets it, else
    /// <see cref="HuggingFaceOptions.DefaultEndpoint"/> (https://huggingface.co).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A models.json to read instead of the catalog built into the Toolkit (deploy/downloads/models.json).</summary>
    public string? Catalog { get; set; }

    /// <summary>How often a download in progress writes a progress line to the run's log.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Files downloaded at the same time per model.</summary>
    public int ParallelFiles { get; set; } = 4;
}
