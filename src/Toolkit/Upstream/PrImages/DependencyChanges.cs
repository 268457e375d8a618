namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>
/// Which changed files mean a code-only PR image is not enough. The image is the base image with SGLang's Python code
/// swapped (the checkout is installed in editable mode, so new <c>.py</c> files take effect); anything that is compiled,
/// installed or baked into the image at build time keeps the base image's version, so the old script's limit holds:
/// such a PR needs a full rebuild. The image is still built; the run says so (a warning), it does not fail. The files are
/// those that differ between the image's commit and the PR's head, so they include what the main branch changed since
/// the image was built: the finding is "dependency files differ from the image's", not "the PR changed them".
/// </summary>
public static class DependencyChanges
{
    /// <summary>Every rule, in the order reported.</summary>
    public static IReadOnlyList<DependencyRule> Rules { get; } =
    [
        new("python/pyproject*.toml", "Python dependencies and versions (this platform's or another's) are installed when the image is built"),
        new("python/setup.py", "the package's build and install steps run when the image is built"),
        new("python/setup.cfg", "the package's install settings apply when the image is built"),
        new("requirements*.txt", "pinned requirements are installed when the image is built"),
        new("python/**/requirements*.txt", "pinned requirements are installed when the image is built"),
        new("sgl-kernel/", "sgl_kernel is compiled C++/CUDA/HIP code built into the image"),
        new("sgl-router/", "the router is a compiled Rust binary built into the image"),
        new("sgl-model-gateway/", "the model gateway (the router's successor) is a compiled Rust binary built into the image"),
        new("docker/", "the Dockerfiles define the image itself"),
        new("3rdparty/", "third-party native code (e.g. AMD's kernels) is compiled into the image"),
    ];

    /// <summary>The changed files that need a full rebuild, each with the first rule it matches, in the given order.</summary>
    public static IReadOnlyList<DependencyChange> Find(IEnumerable<string> changedFiles)
    {
        ArgumentNullException.ThrowIfNull(changedFiles);
        return changedFiles
            .Select(file => (File: file, Rule: Rules.FirstOrDefault(r => r.Matches(file))))
            .Where(m => m.Rule is not null)
            .Select(m => new DependencyChange(m.File, m.Rule!))
            .ToArray();
    }
}
