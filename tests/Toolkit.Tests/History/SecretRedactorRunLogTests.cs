using SglangCi.Toolkit.History;

namespace SglangCi.Toolkit.Tests.History;

/// <summary>What run logs hold that the history import never saw: launch environments, secret flags, SGLang's server-argument dump.</summary>
public sealed class SecretRedactorRunLogTests
{
    [Theory]
    [InlineData("HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 python3 -m sglang.launch_server", "hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    [InlineData("HUGGING_FACE_HUB_TOKEN=abc123secretvalue python3", "abc123secretvalue")]
    [InlineData("loading with hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 from the cache", "hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    [InlineData("python3 -m sglang.launch_server --model-path /m --api-key sk-live-0123456789abcdef --tp 8", "sk-live-0123456789abcdef")]
    [InlineData("python3 -m sglang.launch_server --admin-api-key=adm1nSECRET --tp 8", "adm1nSECRET")]
    [InlineData("server_args=ServerArgs(model_path='/m', api_key='sk-repr-SECRET', tp_size=8)", "sk-repr-SECRET")]
    [InlineData("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG python3", "wJalrXUtnFEMI")]
    [InlineData("alert to https://x.webhook.office.com/webhookb2/abc@def/IncomingWebhook/0123/4567", "IncomingWebhook/0123")]
    [InlineData("fatal: unable to access 'https://sgl-bot:s3cr3tT0ken@github.com/sgl-project/sglang.git/'", "s3cr3tT0ken")]
    public void Run_log_secrets_are_redacted(string text, string secret)
    {
        var redacted = SecretRedactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, redacted, StringComparison.Ordinal);
        Assert.Equal(redacted, SecretRedactor.Redact(redacted));
    }

    [Theory]
    [InlineData("server_args=ServerArgs(model_path='/m', api_key=None, max_total_tokens=None, max_prefill_tokens=16384)")]
    [InlineData("python3 -m sglang.launch_server --max-total-tokens 1000 --skip-tokenizer-init --tp 8")]
    [InlineData("[2026-11-30 13:35:12 TP0] Decode batch. #running-req: 4, #token: 1200, gen throughput (token/s): 812.50")]
    public void Ordinary_log_lines_are_left_alone(string text) => Assert.Equal(text, SecretRedactor.Redact(text));
}
