using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Tests.Gsm8k;

public class Gsm8kAnswerTests
{
    [Theory]
    [InlineData("Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\n#### 18", 18)]
    [InlineData("The answer is 1,234 dollars.", 1234)]           // commas removed first
    [InlineData("-3", 3)]                                         // sign ignored
    [InlineData("2.5", 5)]                                        // last digit run of a decimal
    [InlineData("first 12 then 7\nQuestion", 7)]                  // the last match wins
    [InlineData("  42  ", 42)]
    [InlineData("007", 7)]
    public void Extract_FollowsSglangRule(string text, int expected)
    {
        Assert.Equal(expected, Gsm8kAnswer.Extract(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no numbers here")]
    [InlineData(null)]
    [InlineData("99999999999999999999")]                         // does not fit an int
    public void Extract_Invalid_IsNull(string? text)
    {
        Assert.Null(Gsm8kAnswer.Extract(text));
    }
}
