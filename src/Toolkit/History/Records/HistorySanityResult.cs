using SglangCi.Toolkit.History.Sanity;

namespace SglangCi.Toolkit.History.Records;

/// <summary>
/// A model's sanity-check outcome for one image on one host: from the latest timing summary of that host that decided
/// the model (reruns and yesterday-image fallbacks add summaries to the same folder; a later summary that names the
/// model but never got to it does not undo an earlier result). The accuracy is the one that summary reported, under
/// that era's rule (mean, max, first pass).
/// </summary>
public sealed record HistorySanityResult(
    string Hardware,
    string Host,
    ImageTag Image,
    string Model,
    SanityOutcome Outcome,
    SanityVerdictBasis Basis,
    double? Accuracy,
    double? RequiredAccuracy,
    SanityAccuracyRule? AccuracyRule,
    DateTimeOffset? DecidedAt,
    SourceRef Source);
