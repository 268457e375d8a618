using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Toolkit.Tests.Upstream.PrImages;

/// <summary>Which changed files mean the code-only image is not enough, and which do not.</summary>
public sealed class DependencyChangesTests
{
    [Theory]
    [InlineData("python/pyproject.toml")]
    [InlineData("python/pyproject_other.toml")]
    [InlineData("python/setup.py")]
    [InlineData("requirements.txt")]
    [InlineData("python/requirements_rocm.txt")]
    [InlineData("python/pyproject_xpu.toml")]
    [InlineData("python/setup.cfg")]
    [InlineData("python/sglang/srt/requirements.txt")]
    [InlineData("sgl-model-gateway/src/main.rs")]
    [InlineData("sgl-kernel/csrc/allreduce/custom_all_reduce.hip")]
    [InlineData("sgl-kernel/CMakeLists.txt")]
    [InlineData("sgl-router/src/main.rs")]
    [InlineData("docker/Dockerfile.rocm")]
    [InlineData("3rdparty/amd/tuning/benchmark.py")]
    public void Files_built_into_the_image_need_a_full_rebuild(string file)
    {
        var change = Assert.Single(DependencyChanges.Find([file]));
        Assert.Equal(file, change.File);
        Assert.False(string.IsNullOrWhiteSpace(change.Rule.Why));
    }

    [Theory]
    [InlineData("python/sglang/srt/managers/scheduler.py")]
    [InlineData("test/srt/test_abort.py")]
    [InlineData("docs/backend/server_arguments.md")]
    [InlineData("python/sglang/pyproject.toml.md")]
    [InlineData("benchmark/requirements_notes.md")]
    [InlineData("sgl-kernel-notes.md")]
    [InlineData("benchmark/requirements.txt")]
    [InlineData("examples/runtime/requirements-dev.txt")]
    [InlineData("python/sglang/pyproject.toml")]
    [InlineData("sgl-kernel")]
    public void Python_code_tests_and_docs_are_taken_in_by_the_code_only_image(string file) =>
        Assert.Empty(DependencyChanges.Find([file]));

    [Fact]
    public void Only_the_dependency_files_of_a_mixed_change_are_reported_in_order()
    {
        var changes = DependencyChanges.Find(["python/sglang/srt/server.py", "sgl-kernel/setup.py", "README.md", "python/pyproject.toml"]);
        Assert.Equal(["sgl-kernel/setup.py", "python/pyproject.toml"], changes.Select(c => c.File));
    }
}
