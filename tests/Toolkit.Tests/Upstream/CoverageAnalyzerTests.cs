using SglangCi.Toolkit.Upstream.Coverage;

namespace SglangCi.Toolkit.Tests.Upstream;

public sealed class CoverageAnalyzerTests
{
    private static CoverageCategory Row(CoverageComparison c, string name) => Assert.Single(c.Categories, x => x.Name == name);

    private static (int Nvidia, int Amd, int Common, int? Percent) Counts(CoverageCategory c) => (c.NvidiaTests, c.AmdTests, c.CommonTests, c.CoveragePercent);

    [Fact]
    public void Era_a_follows_the_old_suite_pairs_and_exclusions()
    {
        using var checkout = new TempCheckout().WithEraA().WithCiConfig();
        var c = CoverageAnalyzer.Analyze(checkout.Root);

        Assert.Equal([RegistryLayout.SuiteDictionary], c.Layouts);
        Assert.Null(c.Commit);
        Assert.Empty(c.Warnings);
        var oneGpu = Row(c, "unit-test-backend-1-gpu");
        Assert.Equal((4, 4, 3, 100), Counts(oneGpu));
        Assert.Equal(["per-commit-1-gpu"], oneGpu.NvidiaSuites);
        Assert.Equal(["per-commit-amd", "per-commit-amd-mi35x"], oneGpu.AmdSuites);
        Assert.Equal([new CoverageFile("srt/test_only_nvidia.py", 60)], oneGpu.NvidiaOnly);
        Assert.Equal([new CoverageFile("srt/test_rope_rocm.py", 40)], oneGpu.AmdOnly);
        Assert.Equal([new CoverageFile("srt/test_fa3.py", 100)], oneGpu.ExcludedIncompatible);
        Assert.Equal(51 + 200 + 32 + 60, oneGpu.NvidiaEstimatedSeconds);
        Assert.Equal(70 + 250 + 40 + 60, oneGpu.AmdEstimatedSeconds); // test_abort counted once, at MI355's larger estimate
        Assert.Equal((2, 1, 1, 50), Counts(Row(c, "unit-test-backend-2-gpu")));
        Assert.Equal((2, 0, 0, 0), Counts(Row(c, "unit-test-backend-4-gpu")));
        Assert.Equal((1, 1, 1, 100), Counts(Row(c, "unit-test-backend-8-gpu")));
        Assert.Equal((1, 1, 0, 100), Counts(Row(c, "nightly-1-gpu"))); // detail; the sums use nightly-models-test
        Assert.Equal(CiConfigFixtures.Expected, c.Additional.Select(a => (a.Name, a.AmdTests, a.NvidiaTests)));
        Assert.Equal((9 + 8, 6 + 6, 71), (c.PerPr.NvidiaTests, c.PerPr.AmdTests, c.PerPr.CoveragePercent));
        Assert.Equal((5, 3, 60), (c.Nightly.NvidiaTests, c.Nightly.AmdTests, c.Nightly.CoveragePercent));
        Assert.Equal((22, 15, 68), (c.Total.NvidiaTests, c.Total.AmdTests, c.Total.CoveragePercent));
        Assert.Equal(
            [("per-commit-4-gpu-b200", CiPlatform.Nvidia), ("per-commit-cpu", CiPlatform.Other), ("vllm_dependency_test", CiPlatform.Nvidia)],
            c.NotCompared.Select(n => (n.Suite, n.Platform)));
    }

    [Fact]
    public void Incompatible_tests_count_when_asked()
    {
        using var checkout = new TempCheckout().WithEraA();
        var c = CoverageAnalyzer.Analyze(checkout.Root, new CoverageOptions(IncludeIncompatible: true));

        Assert.True(c.IncludesIncompatible);
        Assert.Equal((5, 4, 3, 80), Counts(Row(c, "unit-test-backend-1-gpu")));
        Assert.Equal((2, 1, 1, 50), Counts(Row(c, "unit-test-backend-8-gpu")));
        Assert.All(c.Categories, x => Assert.Empty(x.ExcludedIncompatible));
    }

    [Fact]
    public void Era_b_classifies_by_backend_gpu_token_and_nightly_flag()
    {
        using var checkout = new TempCheckout().WithEraB().WithCiConfig();
        var c = CoverageAnalyzer.Analyze(checkout.Root);

        Assert.Equal([RegistryLayout.PerFileRegistration], c.Layouts);
        Assert.Empty(c.Warnings);
        var oneGpu = Row(c, "unit-test-backend-1-gpu");
        Assert.Equal((2, 2, 1, 100), Counts(oneGpu));
        Assert.Equal(["registered/test_disabled.py"], oneGpu.NvidiaOnly.Select(f => f.File));
        Assert.Equal([new CoverageFile("registered/deep/a/b/test_nested.py", 15)], oneGpu.AmdOnly); // MI300 + MI355, once
        Assert.Equal(["registered/attention/test_flashinfer_backend.py"], oneGpu.ExcludedIncompatible.Select(f => f.File));
        Assert.Equal((1, 1, 1, 100), Counts(Row(c, "unit-test-backend-2-gpu")));
        Assert.Equal((1, 1, 1, 100), Counts(Row(c, "unit-test-backend-4-gpu")));
        Assert.Equal((0, 0, 0, null), Counts(Row(c, "unit-test-backend-8-gpu")));
        var nightly = Row(c, "nightly-8-gpu");
        Assert.Equal((1, 0, 0, 0), Counts(nightly));
        Assert.Equal(CoverageCategory.AdditionalSection, nightly.Section);
        Assert.Equal("registered/test_disabled.py", Assert.Single(c.Disabled).File);
        Assert.Equal(new NotComparedSuite("per-commit-cpu", CiPlatform.Other, 1, "neither NVIDIA nor AMD"), Assert.Single(c.NotCompared));
        Assert.Equal((4 + 8, 4 + 6, 83), (c.PerPr.NvidiaTests, c.PerPr.AmdTests, c.PerPr.CoveragePercent));
        Assert.Equal((12 + 5, 10 + 3, 76), (c.Total.NvidiaTests, c.Total.AmdTests, c.Total.CoveragePercent));
        Assert.Equal(100 + 80 + 200 + 50, c.PerPr.NvidiaEstimatedSeconds);
    }

    [Fact]
    public void Mixed_checkout_is_the_union_with_each_file_once_per_platform_and_category()
    {
        // Era A's 2-GPU suite now names the era B file (as ../registered/…): the same normalised path, counted once.
        using var checkout = new TempCheckout()
            .WithEraA("""suites["per-commit-2-gpu"] = [TestFile("../registered/models/llm/test_positional.py", 250)]""" + "\n")
            .WithEraB()
            .WithCiConfig();
        var c = CoverageAnalyzer.Analyze(checkout.Root);

        Assert.Equal([RegistryLayout.SuiteDictionary, RegistryLayout.PerFileRegistration], c.Layouts);
        var twoGpu = Row(c, "unit-test-backend-2-gpu");
        Assert.Equal((1, 2, 1, 200), Counts(twoGpu));
        Assert.Equal(250, twoGpu.NvidiaEstimatedSeconds); // the larger of 250 (era A) and 200 (era B)
        Assert.Equal(["per-commit-2-gpu", "stage-b-test-large-2-gpu"], twoGpu.NvidiaSuites);
        Assert.Equal((6, 6), (Row(c, "unit-test-backend-1-gpu").NvidiaTests, Row(c, "unit-test-backend-1-gpu").AmdTests));
        Assert.Equal((11 + 8, 10 + 6), (c.PerPr.NvidiaTests, c.PerPr.AmdTests));
        Assert.Equal((5, 3), (c.Nightly.NvidiaTests, c.Nightly.AmdTests));
        Assert.Equal(["nightly-1-gpu", "nightly-8-gpu"], c.Categories.Where(x => x.Nightly).Select(x => x.Name));
    }

    [Fact]
    public void Odd_files_still_give_numbers_and_their_warnings()
    {
        using var checkout = new TempCheckout();
        OddFiles.WriteTo(checkout);
        var c = CoverageAnalyzer.Analyze(checkout.Root);

        Assert.Equal((3, 1), (Row(c, "unit-test-backend-1-gpu").NvidiaTests, Row(c, "unit-test-backend-1-gpu").AmdTests));
        Assert.Equal((1, 1), (Row(c, "unit-test-backend-2-gpu").NvidiaTests, Row(c, "unit-test-backend-2-gpu").AmdTests));
        Assert.Equal(OddFiles.ExpectedWarnings, c.Warnings.Where(w => w.File.StartsWith("test/registered/", StringComparison.Ordinal)).Select(w => w.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(OddFiles.ExpectedWarnings.Length, c.Warnings.Count); // missing workflows and nightly lists are not warnings
    }

    [Fact]
    public void Missing_path_and_folder_without_a_registry_are_refused_naming_the_paths()
    {
        using var checkout = new TempCheckout();
        var missing = Path.Combine(checkout.Root, "nope");
        Assert.Contains(missing, Assert.Throws<CoverageCheckoutException>(() => CoverageAnalyzer.Analyze(missing)).Message, StringComparison.Ordinal);

        var message = Assert.Throws<CoverageCheckoutException>(() => CoverageAnalyzer.Analyze(checkout.Root)).Message;
        Assert.Contains(Path.Combine(checkout.Root, "test/srt/run_suite.py"), message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(checkout.Root, "test/registered"), message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ref: refs/heads/main\n", "refs/heads/main", null)]
    [InlineData("ref: refs/heads/main\n", null, "# pack-refs with: peeled fully-peeled sorted\n{0} refs/heads/main\n^1111111111111111111111111111111111111111\n")]
    [InlineData("{0}\n", null, null)]
    public void Commit_is_read_from_head_loose_refs_or_packed_refs(string head, string? looseRef, string? packedRefs)
    {
        const string id = "0123456789abcdef0123456789abcdef01234567";
        using var checkout = new TempCheckout().Write(".git/HEAD", string.Format(System.Globalization.CultureInfo.InvariantCulture, head, id));
        if (looseRef is not null)
        {
            checkout.Write(".git/" + looseRef, id + "\n");
        }

        if (packedRefs is not null)
        {
            checkout.Write(".git/packed-refs", string.Format(System.Globalization.CultureInfo.InvariantCulture, packedRefs, id));
        }

        Assert.Equal(id, GitCommit.Read(checkout.Root));
    }

    [Fact]
    public void Coverage_rounds_half_to_even_as_python_did_and_is_null_without_nvidia_tests()
    {
        Assert.Equal(12, CoveragePercent.Of(1, 8)); // 12.5
        Assert.Equal(127, CoveragePercent.Of(14, 11));
        Assert.Equal(0, CoveragePercent.Of(0, 6));
        Assert.Null(CoveragePercent.Of(3, 0));
        Assert.Equal(57, CoveragePercent.Of(92, 160)); // ratio first, as compare_suites.py: 0.575 * 100 is 57.49999…
    }
}
