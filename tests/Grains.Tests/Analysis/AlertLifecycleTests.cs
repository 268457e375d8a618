using SglangCi.Grains.Analysis;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Analysis;

namespace SglangCi.Grains.Tests.Analysis;

/// <summary>
/// The live analysis night by night over synthetic history with known right answers: evidence from the history, one
/// lifecycle step per night, the alerts carried to the next night as the regression watch carries them in its table.
/// </summary>
public sealed class AlertLifecycleTests
{
    private const string Hardware = "hw";
    private static readonly DateOnly Start = new(2025, 10, 1);
    private static readonly DateTimeOffset Now = new(2025, 12, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Quiet noise around 1000 ms: ±0.5 %, deterministic.</summary>
    private static double Level(int night, double level = 1000) => level * (1 + (0.005 * Math.Sin(night * 1.7)));

    [Fact]
    public void A_step_of_20_percent_opens_one_alert_on_its_second_night_keeps_it_while_it_lasts_and_resolves_it_when_the_series_recovers()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 35; n++)
        {
            // 20 bad nights: long enough for the moving baseline to absorb the step; the alert must stay open regardless.
            history.Night(Start.AddDays(n), Level(n, n >= 15 ? 1200 : 1000));
        }

        var opened = watch.Through(Start.AddDays(16)).ToList();
        Assert.Empty(opened.Single(s => s.Night == Start.AddDays(15)).Opened); // the candidate night opens nothing

        var alerts = watch.Active;
        Assert.Contains(alerts, a => a.Metric == "e2e-median-ms");
        var e2e = alerts.Single(a => a.Metric == "e2e-median-ms");
        Assert.Equal((Start.AddDays(16), Start.AddDays(15), SeriesAlertStatus.Open), (e2e.OpenedNight, e2e.Since, e2e.Status));
        Assert.InRange(e2e.Change!.Value, 0.18, 0.22);
        Assert.Equal("img-20251015", e2e.BaselineImage);
        Assert.Equal("img-20251017", e2e.Image);

        // The step lasts: nothing new opens, the alert stays (even once the 14-night baseline has moved to the new level).
        foreach (var step in watch.Through(Start.AddDays(34)))
        {
            Assert.Empty(step.Opened);
            Assert.Empty(step.Resolved);
        }

        Assert.Equal(e2e.Id, watch.Active.Single(a => a.Metric == "e2e-median-ms").Id);

        // Fixed: back at 1000 ms. The alert resolves itself against the baseline it was opened with.
        history.Night(Start.AddDays(35), Level(35));
        var recovered = watch.Night(Start.AddDays(35));
        var resolved = Assert.Single(recovered.Resolved, a => a.Metric == "e2e-median-ms");
        Assert.Equal(SeriesAlertStatus.Resolved, resolved.Status);
        Assert.Equal(Start.AddDays(35), resolved.ResolvedNight);
        Assert.StartsWith("recovered on 2025-11-05", resolved.Resolution);
        Assert.DoesNotContain(watch.Active, a => a.Metric == "e2e-median-ms");
    }

    [Fact]
    public void An_alert_resolved_by_hand_stays_closed_while_the_same_change_lasts_and_a_later_change_opens_a_new_one()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 60; n++)
        {
            // A step at night 15, accepted; then, once the baseline has settled on it, a second step at night 45.
            history.Night(Start.AddDays(n), Level(n, n >= 45 ? 1500 : n >= 15 ? 1200 : 1000));
        }

        watch.Through(Start.AddDays(16)).ToList();
        var first = watch.Active.Single(a => a.Metric == "e2e-median-ms");
        watch.Replace(first with { Status = SeriesAlertStatus.Resolved, Resolution = "resolved by ana: new level accepted", ResolvedNight = Start.AddDays(16) });

        // The detector keeps confirming the same step for days; none of those nights reopens it.
        var during = watch.Through(Start.AddDays(44)).ToList();
        Assert.DoesNotContain(during.SelectMany(s => s.Opened), a => a.Metric == "e2e-median-ms");

        var second = watch.Through(Start.AddDays(46)).SelectMany(s => s.Opened).Single(a => a.Metric == "e2e-median-ms");
        Assert.Equal(Start.AddDays(45), second.Since);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void A_night_analysed_again_after_its_alerts_were_saved_still_announces_them()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 17; n++)
        {
            history.Night(Start.AddDays(n), Level(n, n >= 15 ? 1300 : 1000));
        }

        var once = watch.Through(Start.AddDays(16)).Last();
        var again = watch.Night(Start.AddDays(16)); // the alerts are in the table; the night's record (and card) were lost

        Assert.NotEmpty(once.Opened);
        Assert.Equal(once.Opened.Select(a => a.Id).Order(), again.Opened.Select(a => a.Id).Order());
        Assert.Equal(AlertSeverity.Error, again.Card!.Severity);
    }

    [Fact]
    public void A_job_that_moves_to_another_host_of_the_hardware_is_not_missing_data()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 12; n++)
        {
            history.Night(Start.AddDays(n), Level(n), host: n < 8 ? "h1" : "h2");
        }

        Assert.All(watch.Through(Start.AddDays(11)), s => Assert.DoesNotContain(s.Opened, a => a.Kind == SeriesAlertKind.MissingData));
    }

    [Fact]
    public void A_single_bad_night_is_a_candidate_that_opens_nothing()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 25; n++)
        {
            history.Night(Start.AddDays(n), Level(n, n == 18 ? 1300 : 1000));
        }

        var steps = watch.Through(Start.AddDays(24)).ToList();
        Assert.All(steps, s => Assert.Empty(s.Opened));
        Assert.True(steps.Single(s => s.Night == Start.AddDays(18)).Evidence.CandidateRegressions > 0);
        Assert.Empty(watch.Active);
    }

    [Fact]
    public void An_acknowledged_alert_still_resolves_itself_on_recovery()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 20; n++)
        {
            history.Night(Start.AddDays(n), Level(n, n >= 15 ? 1250 : 1000));
        }

        watch.Through(Start.AddDays(19)).ToList();
        var alert = watch.Active.Single(a => a.Metric == "e2e-median-ms");
        watch.Replace(alert with { Status = SeriesAlertStatus.Acknowledged, AcknowledgedBy = "ana" });

        history.Night(Start.AddDays(20), Level(20));
        var step = watch.Night(Start.AddDays(20));
        var resolved = Assert.Single(step.Resolved, a => a.Id == alert.Id);
        Assert.Equal(("ana", SeriesAlertStatus.Resolved), (resolved.AcknowledgedBy, resolved.Status));
    }

    [Fact]
    public void An_improvement_is_shown_in_the_card_and_opens_no_alert()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 20; n++)
        {
            history.Night(Start.AddDays(n), Level(n, n >= 15 ? 800 : 1000));
        }

        var steps = watch.Through(Start.AddDays(19)).ToList();
        Assert.All(steps, s => Assert.Empty(s.Opened));
        var night = steps.Single(s => s.Card is not null);
        Assert.Equal(Start.AddDays(16), night.Night);
        Assert.Equal(AlertSeverity.Info, night.Card!.Severity);
        Assert.Equal(AlertCardKind.BenchmarkNight, night.Card.Kind);
        var improvements = Assert.Single(night.Card.Tables);
        Assert.Equal("Improvements", improvements.Heading);
        Assert.Matches(@"^\+(19|20|21)\.\d%$", improvements.Rows.Single(r => r[1] == "e2e-median-ms")[4]);
    }

    [Fact]
    public void A_series_that_stops_producing_is_missing_data_until_it_comes_back_and_retired_after_a_fortnight()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 10; n++)
        {
            history.Night(Start.AddDays(n), Level(n));
            history.Night(Start.AddDays(n), Level(n, 500), model: "qwen");
        }

        // Night 10: grok ran, qwen did not.
        history.Night(Start.AddDays(10), Level(10));
        watch.Through(Start.AddDays(9)).ToList();
        var night10 = watch.Night(Start.AddDays(10));
        var missing = Assert.Single(night10.Opened);
        Assert.Equal((SeriesAlertKind.MissingData, "qwen", "nights", Start.AddDays(10), ""), (missing.Kind, missing.Model, missing.Metric, missing.Since, missing.Host));
        Assert.Equal(AlertSeverity.Warning, night10.Card!.Severity);
        Assert.Equal("Missing data", Assert.Single(night10.Card.Tables).Heading);

        // Still missing on night 11: the same alert, not a second one.
        history.Night(Start.AddDays(11), Level(11));
        Assert.Empty(watch.Night(Start.AddDays(11)).Opened);

        // Back on night 12: resolved.
        history.Night(Start.AddDays(12), Level(12));
        history.Night(Start.AddDays(12), Level(12, 500), model: "qwen");
        Assert.Equal("data back on 2025-10-13", Assert.Single(watch.Night(Start.AddDays(12)).Resolved).Resolution);

        // Gone for good: missing from night 13, retired once no night for more than 14 nights.
        for (var n = 13; n <= 28; n++)
        {
            history.Night(Start.AddDays(n), Level(n));
        }

        var steps = watch.Through(Start.AddDays(28)).ToList();
        Assert.Single(steps, s => s.Opened.Count > 0);
        var retired = Assert.Single(steps.SelectMany(s => s.Resolved));
        Assert.Equal(Start.AddDays(27), retired.ResolvedNight);
        Assert.StartsWith("retired: no night since 2025-10-13", retired.Resolution);
    }

    [Fact]
    public void A_night_on_a_stale_image_reports_no_missing_data()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 10; n++)
        {
            history.Night(Start.AddDays(n), Level(n));
        }

        watch.Through(Start.AddDays(9)).ToList();
        Assert.Empty(watch.Night(Start.AddDays(10), staleImage: true).Opened);
        Assert.Single(watch.Night(Start.AddDays(11)).Opened, a => a.Kind == SeriesAlertKind.MissingData);
    }

    [Fact]
    public void An_accuracy_drop_above_the_threshold_opens_an_accuracy_alert_and_recovery_resolves_it()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history);
        for (var n = 0; n < 12; n++)
        {
            history.Night(Start.AddDays(n), Level(n));
            var drop = n == 10 ? 0.04 : 0;
            history.Gate(Start.AddDays(n), 0.80, trials: [0.930 - drop, 0.932 - drop, 0.928 - drop]);
        }

        var steps = watch.Through(Start.AddDays(11)).ToList();
        var opened = Assert.Single(steps.SelectMany(s => s.Opened));
        Assert.Equal((SeriesAlertKind.AccuracyRegression, "gsm8k-accuracy", Start.AddDays(10)), (opened.Kind, opened.Metric, opened.OpenedNight));
        Assert.InRange(opened.Change!.Value, 0.035, 0.045);
        var card = steps.Single(s => s.Night == Start.AddDays(10)).Card!;
        Assert.Equal(AlertSeverity.Error, card.Severity);
        Assert.Equal("Accuracy regressions (gate passed)", Assert.Single(card.Tables).Heading);
        Assert.Equal("2025-10-11 benchmark night — hw: 1 accuracy regression", card.Title);
        Assert.Equal("benchmark-night:hw:2025-10-11", card.DedupeKey);
        Assert.Equal(opened.Id, Assert.Single(steps.Single(s => s.Night == Start.AddDays(11)).Resolved).Id);
    }

    [Fact]
    public void Cards_link_to_the_dashboard_and_chart_new_regressions_when_its_address_is_configured()
    {
        var history = new InMemoryHistory(Hardware);
        var watch = new Watch(history, new AnalysisOptions { DashboardUrl = "https://ci.example.com/", ChartsPerCard = 2 });
        for (var n = 0; n < 18; n++)
        {
            history.Night(Start.AddDays(n), Level(n, n >= 15 ? 1300 : 1000));
        }

        var card = watch.Through(Start.AddDays(17)).Single(s => s.Opened.Count > 0).Card!;
        Assert.Equal("https://ci.example.com/alerts?hardware=hw", card.Link);
        Assert.Equal(2, card.Charts.Count);
        Assert.All(card.Charts, c => Assert.StartsWith("https://ci.example.com/charts/series.png?", c.ImageUrl));
        Assert.StartsWith("New regressions", card.Tables[0].Heading);
    }

    private sealed record NightStep(DateOnly Night, NightEvidence Evidence, IReadOnlyList<SeriesAlert> Opened, IReadOnlyList<SeriesAlert> Resolved, AlertMessage? Card);

    /// <summary>The regression watch without Orleans: evidence, one lifecycle step, the alert table in a dictionary.</summary>
    private sealed class Watch(InMemoryHistory history, AnalysisOptions? options = null)
    {
        private readonly Dictionary<string, SeriesAlert> _alerts = [];
        private readonly AnalysisOptions _options = options ?? new AnalysisOptions();
        private DateOnly? _last;

        public IReadOnlyList<SeriesAlert> Active => [.. _alerts.Values.Where(a => a.IsActive)];

        public void Replace(SeriesAlert alert) => _alerts[alert.Id] = alert;

        /// <summary>Every night after the last one analysed, up to <paramref name="night"/>.</summary>
        public IEnumerable<NightStep> Through(DateOnly night)
        {
            for (var d = _last?.AddDays(1) ?? Start; d <= night; d = d.AddDays(1))
            {
                yield return Night(d);
            }
        }

        public NightStep Night(DateOnly night, bool staleImage = false)
        {
            var evidence = NightEvidenceReader.ReadAsync(history, Hardware, night, staleImage, _options, CancellationToken.None).GetAwaiter().GetResult();
            var step = AlertLifecycle.Advance(evidence, [.. _alerts.Values], _options, Now);
            foreach (var alert in step.Changed)
            {
                _alerts[alert.Id] = alert;
            }

            _last = _last is { } last && last > night ? last : night;
            return new NightStep(night, evidence, step.Opened, step.Resolved, staleImage ? null : NightCard.Build(evidence, step, _options, Now));
        }
    }
}
