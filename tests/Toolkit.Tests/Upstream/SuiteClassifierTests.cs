using SglangCi.Toolkit.History;
using SglangCi.Toolkit.Upstream.Coverage;

namespace SglangCi.Toolkit.Tests.Upstream;

public sealed class SuiteClassifierTests
{
    [Theory]
    [InlineData("per-commit", null, false, CiPlatform.Nvidia, 1, false, false)]
    [InlineData("per-commit-amd-mi35x", null, false, CiPlatform.Amd, 1, false, true)]
    [InlineData("per-commit-8-gpu-h200", null, false, CiPlatform.Nvidia, 8, false, false)]
    [InlineData("per-commit-2-ascend-npu", null, false, CiPlatform.Other, 1, false, false)]
    [InlineData("per-commit-cpu", null, false, CiPlatform.Other, 1, false, false)]
    [InlineData("nightly-amd", null, false, CiPlatform.Amd, 1, true, false)]
    [InlineData("nightly-8-gpu-b200", null, false, CiPlatform.Nvidia, 8, true, false)]
    [InlineData("stage-c-test-large-8-gpu-amd-mi35x", "amd", false, CiPlatform.Amd, 8, false, true)]
    [InlineData("stage-b-test-1-gpu-small", "cuda", false, CiPlatform.Nvidia, 1, false, false)]
    [InlineData("stage-x-perf-4-gpu", "cuda", true, CiPlatform.Nvidia, 4, true, false)]
    [InlineData("stage-a-test-1", "xpu", false, CiPlatform.Other, 1, false, false)]
    public void Suite_names_and_backends_classify_by_their_tokens(string suite, string? backend, bool nightlyFlag, CiPlatform platform, int gpus, bool nightly, bool mi355)
    {
        var test = new RegisteredTest("t.py", suite, backend, 1, nightlyFlag, null, backend is null ? RegistryLayout.SuiteDictionary : RegistryLayout.PerFileRegistration, new SourceRef("f", 1));
        Assert.Equal(new SuiteClass(platform, gpus, nightly, mi355), SuiteClassifier.Classify(test));
    }

    [Theory]
    [InlineData("test_fa3.py", true)]
    [InlineData("registered/attention/test_flashinfer_mla.py", true)]
    [InlineData("quant/test_awq.py", true)]
    [InlineData("test_abort.py", false)]
    public void Incompatible_list_matches_substrings_of_the_path(string file, bool matches) =>
        Assert.Equal(matches, AmdIncompatibleTests.Matches(file));
}
