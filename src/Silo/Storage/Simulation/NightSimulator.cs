using System.Globalization;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.History;

namespace SglangCi.Silo.Storage.Simulation;

/// <summary>
/// Makes up nights of the nightly CI, deterministically from a seed: per hardware kind and night, a nightly image, then
/// one run per preset that has a plan for that hardware (its family's plan when it has none of its own) and per online
/// mode of the old system, on one of the hardware's two hosts. Each run goes through the phases a real run goes through
/// (<see cref="RunPhaseBook"/>), has a GSM8K gate decided by the real rules (<see cref="Gsm8kGateRules"/>) and, when it
/// passes, every load point of its plan with every metric and statistic. Latencies follow a load model calibrated on
/// the old CI's history, with noise per night and point, slow drift, shifts at each release and occasional step
/// regressions that recover some nights later, so trends look like real ones. Some nights fail: the image is not
/// published, the engine does not start, the gate fails (the run is skipped), or the server dies mid-benchmark.
/// Pure: no database, no clock, no cluster; enumerating twice gives the same nights.
/// </summary>
public sealed class NightSimulator
{
    /// <summary>The runs' trigger; their provenance (<c>runs.source</c>) is <see cref="SimulatedNightsWriter.Source"/>.</summary>
    public const string Trigger = "simulated";

    /// <summary>GSM8K's test split has this many questions; a plan asking for more gets these.</summary>
    public const int Gsm8kTestQuestions = 1319;

    /// <summary>The old CI's online benchmark modes for DeepSeek (one result folder each); the Grok jobs ran only <c>online</c>.</summary>
    public static readonly IReadOnlyList<string> DeepSeekModes =
    [
        "online", "online_dp_attention", "online_torch_compile", "online_dp_attention_torch_compile", "online_mtp_test", "online_dp_attention_mtp_test",
    ];

    private readonly SimulationOptions _options;
    private readonly IReadOnlyList<ModelPreset> _presets;

    public NightSimulator(SimulationOptions options, IReadOnlyList<ModelPreset> presets)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(presets);
        if (options.Days < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "At least one day is needed.");
        }

        if (options.Hardware.Count == 0 || options.Hardware.Distinct(StringComparer.Ordinal).Count() != options.Hardware.Count)
        {
            throw new ArgumentException("Name each hardware kind once, at least one.", nameof(options));
        }

        var bad = options.Hardware.FirstOrDefault(h => h.Length == 0 || !h.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')));
        if (bad is not null)
        {
            throw new ArgumentException($"'{bad}' is not a hardware kind of an image tag: lower-case letters and digits only (e.g. mi30x).", nameof(options));
        }

        _options = options;
        // A variant preset (ModeSuffix) is one of its base preset's modes, which the base already simulates; a GSM8K-only
        // preset has no load plan to simulate.
        _presets = presets.Where(IsSimulated).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    public SimulationOptions Options => _options;

    /// <summary>How many (hardware, night) pairs <see cref="Nights"/> yields.</summary>
    public int NightCount => _options.Days * _options.Hardware.Count;

    /// <summary>The presets a simulated year has series of: base presets with a benchmark plan.</summary>
    public static bool IsSimulated(ModelPreset preset) => preset.HasBenchmark && preset.ModeSuffix is null;

    /// <summary>The modes a preset runs in: DeepSeek's six, or <c>online</c>.</summary>
    public static IReadOnlyList<string> ModesOf(ModelPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return preset.Model.StartsWith("DeepSeek", StringComparison.OrdinalIgnoreCase) ? DeepSeekModes : ["online"];
    }

    /// <summary>The run id of a simulated run: its night and series, never the seed, so a rerun replaces it.</summary>
    public static string RunId(DateOnly date, string hardware, string preset, string mode) =>
        string.Create(CultureInfo.InvariantCulture, $"sim-{date:yyyyMMdd}-{hardware}-{preset}-{mode.Replace('_', '-')}");

    /// <summary>Every night, oldest first, the hardware kinds in the order given.</summary>
    public IEnumerable<SimulatedNight> Nights()
    {
        var releases = new ReleaseTimeline(_options.Seed, _options.First, _options.End);
        var tracks = _options.Hardware.Select((name, index) => new HardwareTrack(SimulatedHardware.For(name, index), _presets, _options.Seed)).ToList();
        for (var date = _options.First; date <= _options.End; date = date.AddDays(1))
        {
            var release = releases.At(date);
            foreach (var track in tracks)
            {
                yield return track.Night(date, release);
            }
        }
    }

    /// <summary>A stable 32-bit hash (FNV-1a) of text, so per-series random streams do not depend on the runtime's string hashing.</summary>
    internal static int StableHash(string text)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)hash;
        }
    }

    /// <summary>The engine release of each night: a new one every three to six weeks, with a ROCm upgrade halfway.</summary>
    private sealed class ReleaseTimeline
    {
        private readonly List<(DateOnly From, string Release)> _releases = [];

        public ReleaseTimeline(int seed, DateOnly first, DateOnly end)
        {
            var random = new Random(unchecked(seed ^ 0x5EED));
            var (minor, post) = (6, 0);
            var rocmSwitch = first.AddDays((end.DayNumber - first.DayNumber) / 2);
            for (var date = first; date <= end; date = date.AddDays(random.Next(21, 43)))
            {
                var version = post == 0 ? $"v0.5.{minor}" : $"v0.5.{minor}.post{post}";
                _releases.Add((date, $"{version}-{(date < rocmSwitch ? "rocm700" : "rocm710")}"));
                (minor, post) = post < 2 && random.NextDouble() < 0.6 ? (minor, post + 1) : (minor + 1, 0);
            }
        }

        public string At(DateOnly date) => _releases.Last(r => r.From <= date).Release;
    }

    /// <summary>One hardware kind's nights: its series, their state from night to night, and its hosts' clocks.</summary>
    private sealed class HardwareTrack
    {
        private readonly SimulatedHardware _hardware;
        private readonly List<SeriesState> _series;
        private readonly Random _random;

        public HardwareTrack(SimulatedHardware hardware, IReadOnlyList<ModelPreset> presets, int seed)
        {
            _hardware = hardware;
            _random = new Random(unchecked(seed ^ StableHash(hardware.Name)));
            _series = [];
            var presetIndex = 0;
            foreach (var preset in presets)
            {
                var plan = preset.Benchmark.TryGetValue(hardware.Name, out var own) ? own
                    : preset.Benchmark.TryGetValue(hardware.Family, out var family) ? family : null;
                if (plan is null)
                {
                    continue;
                }

                foreach (var mode in ModesOf(preset))
                {
                    _series.Add(new SeriesState(hardware, preset, plan, mode, presetIndex % hardware.Hosts.Count,
                        new Random(unchecked(seed ^ StableHash($"{hardware.Name}/{preset.Name}/{mode}")))));
                }

                presetIndex++;
            }
        }

        public SimulatedNight Night(DateOnly date, string release)
        {
            var image = $"{ImageTag.SeedRepository}:{release}-{_hardware.Name}-{date:yyyyMMdd}";
            var unpublished = _random.NextDouble() < 0.012;
            var brokenImage = _random.NextDouble() < 0.02;
            foreach (var series in _series)
            {
                series.Advance(release);
            }

            if (unpublished)
            {
                return new SimulatedNight(date, _hardware.Name, null, []);
            }

            // Every job of the night is queued when the schedule fires; each host runs its jobs one after another.
            var fired = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + _hardware.NightStart;
            var hostFree = _hardware.Hosts.ToDictionary(h => h, _ => fired, StringComparer.Ordinal);
            var runs = new List<SimulatedRun>(_series.Count);
            foreach (var series in _series)
            {
                var host = series.HostTonight();
                var run = series.Run(date, image, host, fired, hostFree[host], brokenImage);
                hostFree[host] = run.Run.FinishedAt!.Value + TimeSpan.FromSeconds(series.Random.Next(20, 90));
                runs.Add(run);
            }

            return new SimulatedNight(date, _hardware.Name, image, runs);
        }
    }

    /// <summary>One series (hardware, preset, mode): its level, release shifts and running regression.</summary>
    private sealed class SeriesState(SimulatedHardware hardware, ModelPreset preset, BenchmarkPlan plan, string mode, int homeHost, Random random)
    {
        private readonly (double Ttft, double Itl) _base = BaseLatency(preset.Name, hardware.Family);
        private readonly (double Prefill, double Decode) _mode = ModeFactors(mode);
        private double _level = 1.0;
        private double _prefillRegression = 1.0;
        private double _decodeRegression = 1.0;
        private int _regressionNights;
        private string? _release;
        private double _nightNoise = 1.0;

        public Random Random => random;

        public void Advance(string release)
        {
            if (_release is not null && !string.Equals(_release, release, StringComparison.Ordinal))
            {
                // A new release moves the numbers a little, either way, and they stay there.
                _level *= Uniform(0.95, 1.03);
            }

            _release = release;
            _level = Math.Max(0.6, _level * 0.9997);
            if (_regressionNights > 0 && --_regressionNights == 0)
            {
                (_prefillRegression, _decodeRegression) = (1.0, 1.0);
            }
            else if (_regressionNights == 0 && random.NextDouble() < 0.012)
            {
                // A step regression in prefill, decode or both, fixed some nights later.
                var factor = Uniform(1.12, 1.5);
                var which = random.NextDouble();
                (_prefillRegression, _decodeRegression) = which < 0.4 ? (1.0, factor) : which < 0.7 ? (factor, 1.0) : (factor, factor);
                _regressionNights = random.Next(3, 26);
            }

            _nightNoise = LogNormal(0.02);
        }

        public string HostTonight() => hardware.Hosts[random.NextDouble() < 0.06 ? (homeHost + 1) % hardware.Hosts.Count : homeHost];

        public SimulatedRun Run(DateOnly date, string image, string host, DateTimeOffset queued, DateTimeOffset leased, bool brokenImage)
        {
            var summary = new RunSummary(RunId(date, hardware.Name, preset.Name, mode), preset.Name, preset.Version, preset.Model, host, host,
                hardware.Name, mode, image, date, RunStatus.Queued, null, null, null, RunPhase.Queued, Trigger);
            var state = new RunState { Summary = summary, Phases = [new PhaseRecord(RunPhase.Queued, queued, null, PhaseStatus.Running)] };
            RunPhaseBook.Enter(state, RunPhase.Leased, leased);
            var now = leased + TimeSpan.FromSeconds(Uniform(240, 600) * hardware.Latency);
            Gsm8kGateResult? gate = null;
            var points = new List<BenchmarkPointResult>();
            if (brokenImage || random.NextDouble() < 0.025)
            {
                RunPhaseBook.Finish(state, RunStatus.Failed, brokenImage
                    ? "engine start failed: the server exited with code 1 before it was ready (see the server log)"
                    : "engine start failed: the server was not ready within 1800 s", now);
                return Done(state, gate, points);
            }

            RunPhaseBook.Enter(state, RunPhase.ServerUp, now);
            RunPhaseBook.Enter(state, RunPhase.Gsm8kGate, now);
            gate = Gate(out var gateSeconds);
            now += TimeSpan.FromSeconds(gateSeconds);
            state.Gsm8k = gate;
            if (!gate.Passed)
            {
                RunPhaseBook.Finish(state, RunStatus.Skipped, Gsm8kGateRules.FailureReason(gate), now);
                return Done(state, gate, points);
            }

            RunPhaseBook.Enter(state, RunPhase.Benchmark, now);
            var pointsToRun = plan.Points.Count * plan.RunsPerPoint;
            var dies = random.NextDouble() < 0.02 ? random.Next(1, pointsToRun) : -1;
            foreach (var (load, prompts) in plan.Points.Select(p => (p.Load, p.NumPrompts)))
            {
                for (var repetition = 1; repetition <= plan.RunsPerPoint; repetition++)
                {
                    if (points.Count == dies)
                    {
                        RunPhaseBook.Finish(state, RunStatus.Failed,
                            $"benchmark failed: the server stopped answering at {LoadLabel(load)} (connection refused)", now + TimeSpan.FromSeconds(Uniform(30, 300)));
                        return Done(state, gate, points);
                    }

                    var point = Point(load, prompts, repetition);
                    points.Add(point);
                    now += TimeSpan.FromSeconds(point.DurationSeconds + Uniform(15, 40));
                }
            }

            RunPhaseBook.Enter(state, RunPhase.Collected, now);
            RunPhaseBook.Finish(state, RunStatus.Succeeded, null, now + TimeSpan.FromSeconds(Uniform(2, 8)));
            return Done(state, gate, points);
        }

        private static SimulatedRun Done(RunState state, Gsm8kGateResult? gate, List<BenchmarkPointResult> points) =>
            new(state.Summary!, [.. state.Phases], gate, points);

        private string LoadLabel(double load) => plan.LoadKind == LoadKind.Rate
            ? string.Create(CultureInfo.InvariantCulture, $"request rate {load:0.##}")
            : string.Create(CultureInfo.InvariantCulture, $"concurrency {load:0.##}");

        /// <summary>The gate: trials until the rule is satisfied; a bad night for accuracy fails it, a marginal one needs several trials.</summary>
        private Gsm8kGateResult Gate(out double seconds)
        {
            var gsm8k = preset.Gsm8k;
            var questions = Math.Min(gsm8k.Questions, Gsm8kTestQuestions);
            var roll = random.NextDouble();
            var mean = roll < 0.03 ? gsm8k.Threshold - Uniform(0.03, 0.25)
                : roll < 0.08 ? gsm8k.Threshold + Uniform(-0.006, 0.004)
                : gsm8k.Threshold + 0.018;
            var trials = new List<Gsm8kTrialResult>();
            seconds = 0;
            for (var trial = 1; trial <= gsm8k.Trials; trial++)
            {
                var latency = Math.Round(Uniform(38, 60) * hardware.Latency, 2);
                var accuracy = Math.Round(Math.Clamp(mean + (Normal() * 0.007), 0, 1), 3);
                var result = new Gsm8kTrialResult(trial, accuracy, Math.Round(Uniform(0, 0.002), 3), latency,
                    Math.Round(questions * Uniform(150, 190) / latency, 2), questions);
                trials.Add(result);
                seconds += latency + Uniform(5, 15);
                if (Gsm8kGateRules.StopsAfter(gsm8k, result))
                {
                    break;
                }
            }

            return Gsm8kGateRules.Decide(gsm8k, trials);
        }

        private BenchmarkPointResult Point(double load, int prompts, int repetition)
        {
            var lengths = (1 + plan.RangeRatio) / 2;
            var (input, output) = (plan.InputLength * lengths, plan.OutputLength * lengths);
            var prefill = _base.Ttft * _mode.Prefill * hardware.Latency * _level * _prefillRegression * _nightNoise;
            var decode = _base.Itl * _mode.Decode * hardware.Latency * _level * _decodeRegression * _nightNoise;
            double ttft, itl, tpot;
            if (plan.LoadKind == LoadKind.Concurrency)
            {
                // Decode slows as the batch grows; prefills queue behind each other.
                ttft = prefill * (1 + (0.8 * (load - 1)));
                itl = decode * (1 + (0.0125 * load));
                tpot = itl * (1.04 + (0.003 * load));
            }
            else
            {
                // Request rate: fine until the server saturates, then decode degrades fast.
                var x = load * hardware.Latency;
                ttft = prefill * (1 + (0.03 * x));
                itl = decode * (1 + (0.05 * x) + (hardware.Saturation * x * x * x));
                tpot = itl * (1.1 + (0.04 * x));
            }

            (ttft, itl, tpot) = (ttft * LogNormal(0.015), itl * LogNormal(0.015), tpot * LogNormal(0.015));
            var e2e = (ttft + (output * tpot)) * LogNormal(0.01);
            var e2eStats = Stats(e2e, 0.3);
            var failed = random.NextDouble() < 0.02 ? random.Next(1, 6) : 0;
            var completed = prompts - failed;
            var duration = plan.LoadKind == LoadKind.Concurrency
                ? Math.Ceiling(prompts / load) * e2eStats.Mean!.Value / 1000 * Uniform(1.0, 1.05)
                : (prompts / load) + (e2eStats.P99!.Value / 1000);
            var requests = completed / duration;
            var concurrency = requests * e2eStats.Mean!.Value / 1000;
            if (plan.LoadKind == LoadKind.Concurrency)
            {
                concurrency = Math.Min(concurrency, load);
            }

            var ttftStats = Stats(ttft, 0.6);
            var tpotStats = Stats(tpot, 0.25);
            var slos = plan.Goodput is { Count: > 0 } own ? own : DefaultSlos;
            var good = slos.Aggregate(1.0, (share, slo) => share * Within(slo.Key switch
            {
                "ttft" => ttft,
                "tpot" => tpot,
                _ => e2e,
            }, slo.Value));
            return new BenchmarkPointResult(plan.LoadKind, load, repetition, completed, failed, R(duration), R(requests), R(requests * input),
                R(requests * output), R(requests * (input + output)), R(concurrency), ttftStats, Stats(itl, 0.9), tpotStats, e2eStats)
            {
                Goodput = R(requests * good),
                FailureReasons = failed == 0 ? [] : [new FailureReason("ClientPayloadError: Response payload is not completed", failed)],
            };
        }

        /// <summary>The seven statistics around a median; <paramref name="spread"/> is how heavy the tail is.</summary>
        private LatencyStats Stats(double median, double spread)
        {
            var p90 = median * (1 + (0.9 * spread * Uniform(0.85, 1.15)));
            var p95 = p90 * (1 + (0.35 * spread * Uniform(0.85, 1.15)));
            var p99 = p95 * (1 + (0.8 * spread * Uniform(0.85, 1.15)));
            var max = p99 * (1 + (0.6 * spread * Uniform(0.85, 1.15)));
            return new LatencyStats(R(median * (1 + (0.15 * spread * Uniform(0.85, 1.15)))), R(median), R(p90), R(p95), R(p99),
                R(median * 0.45 * spread * Uniform(0.85, 1.15)), R(max));
        }

        /// <summary>The share of requests within an SLO when the median is <paramref name="median"/>: half at the SLO.</summary>
        private static double Within(double median, double slo) => 1 / (1 + Math.Pow(median / slo, 4));

        private static double R(double value) => Math.Round(value, 2);

        private double Uniform(double low, double high) => low + (random.NextDouble() * (high - low));

        private double Normal() =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        private double LogNormal(double sigma) => Math.Exp(sigma * Normal());
    }

    /// <summary>Goodput SLOs for plans without their own (the simulator plan's), so every simulated point has a goodput.</summary>
    private static readonly IReadOnlyDictionary<string, double> DefaultSlos = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["ttft"] = 2000,
        ["tpot"] = 200,
    };

    /// <summary>TTFT and ITL at the lowest load on the family's hardware, from the old CI's history (ms).</summary>
    private static (double Ttft, double Itl) BaseLatency(string preset, string family) => (preset, family) switch
    {
        ("grok1-int4", "mi35x") => (125, 31),
        ("grok1-int4", _) => (130, 17.5),
        ("grok2-fp8", "mi35x") => (150, 31),
        ("grok2-fp8", _) => (150, 19),
        ("deepseek-v3-0324-fp8", _) => (115, 20.5),
        ("deepseek-r1-mxfp4", _) => (125, 22.5),
        _ => (140, 20),
    };

    /// <summary>How a mode changes prefill and decode against plain <c>online</c>.</summary>
    private static (double Prefill, double Decode) ModeFactors(string mode) => mode switch
    {
        "online_dp_attention" => (1.15, 0.93),
        "online_torch_compile" => (1.0, 0.95),
        "online_dp_attention_torch_compile" => (1.12, 0.9),
        "online_mtp_test" => (1.02, 0.9),
        "online_dp_attention_mtp_test" => (1.15, 0.85),
        _ => (1.0, 1.0),
    };
}
