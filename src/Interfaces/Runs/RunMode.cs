namespace SglangCi.Interfaces.Runs;

/// <summary>The kind of work a run does. Every job of a night is a run of one of these kinds, so one list shows the whole night.</summary>
[GenerateSerializer]
public enum RunMode
{
    /// <summary>Engine up, GSM8K gate, bench_serving sweep.</summary>
    Online = 0,

    /// <summary><c>python -m sglang.bench_one_batch</c> inside the engine's environment: no server, no GSM8K gate.</summary>
    Offline = 1,

    /// <summary>Engine up, GSM8K over K trials; passes when the trials' mean reaches the preset's threshold.</summary>
    Sanity = 2,

    /// <summary>A test command run in the image (default the old <c>test_custom_allreduce</c>), its result and test count parsed.</summary>
    UnitTest = 3,

    /// <summary>Prefill and decode servers on disjoint GPU halves behind the PD router; health, completion, code and GSM8K checks.</summary>
    PdDisaggregation = 4,

    /// <summary>A model's weights fetched from Hugging Face onto the node (resumable).</summary>
    ModelDownload = 5,

    /// <summary>The node runtime's clean-up (old images and containers, core dumps) with disk-space alerts.</summary>
    Housekeeping = 6,

    /// <summary>The night's results of one hardware kind in one record and one alert.</summary>
    DailySummary = 7,

    /// <summary>Whether the expected nightly images exist in the registry.</summary>
    ImageCheck = 8,

    /// <summary>Upstream SGLang test files run from an image in one container, each with its own timeout and log.</summary>
    UpstreamTest = 9,

    /// <summary>A base image with SGLang's code updated to a pull request (or branch), kept as a local image tagged with it.</summary>
    PrImage = 10,

    /// <summary>SGLang's upstream CI test lists read from a checkout: AMD-vs-NVIDIA coverage, stored as history.</summary>
    UpstreamCoverage = 11,
}
