using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Tests.Gsm8k;

public class Gsm8kDatasetTests
{
    [Fact]
    public void RealFile_Has1319ItemsWithNumericLabels()
    {
        var items = Gsm8kDataset.Load(TestPaths.Gsm8kTestFile);

        Assert.Equal(1319, items.Count);
        Assert.Equal(18, Gsm8kAnswer.Extract(items[0].Answer));
        Assert.All(items, i => Assert.NotNull(Gsm8kAnswer.Extract(i.Answer)));
    }

    [Fact]
    public void BlankLinesAreSkipped()
    {
        var items = Gsm8kDataset.Parse(new StringReader("{\"question\":\"q\",\"answer\":\"#### 1\"}\n\n   \n"), "mem");

        Assert.Equal([new Gsm8kItem("q", "#### 1")], items);
    }

    [Theory]
    [InlineData("{\"question\":\"q\"}", "missing string field \"answer\"")]
    [InlineData("{\"question\":1,\"answer\":\"a\"}", "missing string field \"question\"")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("{broken", "invalid JSON")]
    public void BadLine_NamesFileAndLine(string badLine, string reason)
    {
        var text = "{\"question\":\"q\",\"answer\":\"a\"}\n\n" + badLine + "\n";

        var ex = Assert.Throws<FormatException>(() => Gsm8kDataset.Parse(new StringReader(text), "data/test.jsonl"));

        Assert.Contains("data/test.jsonl, line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FromDisk_ErrorNamesPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gsm8k-bad-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "not json\n");
        try
        {
            var ex = Assert.Throws<FormatException>(() => Gsm8kDataset.Load(path));
            Assert.Contains(path + ", line 1", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
