using SglangCi.SimulatedEngine;
using SglangCi.SimulatedEngine.Cli;
using SglangCi.SimulatedEngine.Generation;

namespace SglangCi.Toolkit.Tests.SimulatedEngine;

/// <summary>The simulator's parts without HTTP: tokenizer, token plans, GSM8K recognition, command line.</summary>
public sealed class SimulatedEngineUnitTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("one", 1)]
    [InlineData("  one two\tthree\n four  ", 4)]
    public void Tokens_are_whitespace_separated_words(string text, int tokens) =>
        Assert.Equal(tokens, WordTokenizer.CountTokens(text));

    [Fact]
    public void Gsm8k_question_is_the_last_question_of_the_prompt()
    {
        var prompt = "Question: first?\nAnswer: 1 #### 1\n\nQuestion: How many\napples?\nAnswer: ";
        Assert.Equal("How many\napples?", Gsm8kResponder.ExtractQuestion(prompt));
        Assert.Null(Gsm8kResponder.ExtractQuestion("Question: done?\nAnswer: 5"));
        Assert.Null(Gsm8kResponder.ExtractQuestion("Tell me a story"));
    }

    [Fact]
    public void Token_plan_stops_at_the_natural_end_with_the_stop_reason()
    {
        var plan = new TokenPlan([" a", " b"], "Question", 10, []);
        Assert.Equal(new TokenEvent(" a", 1, null), plan.Next());
        var last = plan.Next();
        Assert.Equal(" b", last.Delta);
        Assert.Equal(FinishReason.ForStop("Question"), last.Finish);
        Assert.True(plan.IsFinished);
    }

    [Fact]
    public void Token_plan_honours_the_token_limit_and_zero_tokens()
    {
        var plan = new TokenPlan([" a", " b", " c"], "Question", 2, []);
        plan.Next();
        Assert.Equal(FinishReason.ForLength(2), plan.Next().Finish);

        var empty = new TokenPlan([" a"], null, 0, []);
        Assert.Equal(new TokenEvent(string.Empty, 0, FinishReason.ForLength(0)), empty.Next());
    }

    [Fact]
    public void Token_plan_ends_on_a_stop_string_spanning_tokens()
    {
        // Partial matches are not held back (the simulator's tokens are whole words, so a stop word
        // never straddles two of them); the match ends generation once it completes.
        var plan = new TokenPlan([" x", " Ques", "tion", " y"], null, 10, ["Question"]);
        Assert.Equal(" x", plan.Next().Delta);
        Assert.Equal(" Ques", plan.Next().Delta);
        var stop = plan.Next();
        Assert.Equal(string.Empty, stop.Delta);
        Assert.Equal(FinishReason.ForStop("Question"), stop.Finish);
    }

    [Fact]
    public void Command_line_maps_flags_to_options_and_keeps_unknown_sglang_flags()
    {
        var cl = SimulatorCommandLine.Parse([
            "--port", "31000", "--host", "0.0.0.0", "--model-path", "/m/llama", "--accuracy", "0.5",
            "--prefill-ms-per-token", "0.1", "--decode-step-ms=7", "--max-running-requests", "32",
            "--startup-delay-s", "1.5", "--seed", "9", "--tp", "8", "--trust-remote-code", "--attention-backend", "aiter",
        ]);
        Assert.Equal(31000, cl.Port);
        Assert.Equal("0.0.0.0", cl.Host);
        Assert.Equal("/m/llama", cl.Options.ModelPath);
        Assert.Equal("/m/llama", cl.Options.ModelName);
        Assert.Equal(0.5, cl.Options.Gsm8kAccuracy);
        Assert.Equal(0.1, cl.Options.PrefillMsPerToken);
        Assert.Equal(7, cl.Options.DecodeStepBaseMs);
        Assert.Equal(32, cl.Options.MaxRunningRequests);
        Assert.Equal(TimeSpan.FromSeconds(1.5), cl.Options.StartupDelay);
        Assert.Equal(9, cl.Options.Seed);
        Assert.Equal("8", cl.Options.ServerArgs!["tp_size"]);
        Assert.Equal("true", cl.Options.ServerArgs["trust_remote_code"]);
        Assert.Equal("aiter", cl.Options.ServerArgs["attention_backend"]);
        Assert.Throws<FormatException>(() => SimulatorCommandLine.Parse(["--port", "abc"]));
    }

    [Fact]
    public void Gsm8k_answer_file_names_the_bad_line()
    {
        var ok = Gsm8kAnswerFile.Parse(new StringReader("{\"question\":\"q?\",\"answer\":\"a\\n#### 3\"}\n\n"));
        Assert.Equal("a\n#### 3", ok["q?"]);
        var error = Assert.Throws<FormatException>(() => Gsm8kAnswerFile.Parse(new StringReader("{\"question\":\"q\",\"answer\":\"a\"}\nnot json"), "test.jsonl"));
        Assert.StartsWith("test.jsonl:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_model_is_linear_in_input_and_batch()
    {
        var o = new SimulatedEngineOptions();
        Assert.Equal(2 + (0.02 * 1000), LatencyModel.ExpectedTtftMs(o, 1000), 9);
        Assert.Equal(4 + (0.05 * 64), LatencyModel.ExpectedDecodeStepMs(o, 64), 9);
    }
}
