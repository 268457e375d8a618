using System.Data.Common;

namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// The results tables' statement texts and how times and dates travel. Statements use <c>@name</c> parameters (both
/// Microsoft.Data.Sqlite and Npgsql accept them); the parameter and column names are fixed by
/// <see cref="RelationalResultsStore"/>. Nearly all of it is the same on SQLite and PostgreSQL
/// (<see cref="PortableResultsDialect"/>); an engine's own class holds only what must differ.
/// </summary>
public interface IResultsDialect
{
    /// <summary>Insert or update <c>runs</c> by id; keeps <c>created_at</c> of an existing row.</summary>
    string UpsertRun { get; }

    string DeletePhases { get; }

    string InsertPhase { get; }

    /// <summary>Insert or update <c>gsm8k_gates</c> by run id.</summary>
    string UpsertGate { get; }

    string DeleteTrials { get; }

    string InsertTrial { get; }

    /// <summary>Insert or update <c>benchmark_points</c> by (run_id, load_kind, load, repetition).</summary>
    string UpsertPoint { get; }

    /// <summary>Insert or update <c>offline_results</c> by (run_id, batch_size, input_len, output_len).</summary>
    string UpsertOffline { get; }

    string DeleteChecks { get; }

    /// <summary>One <c>run_checks</c> row: @run_id, @ordinal, @name, @status, @value, @duration_s, @detail.</summary>
    string InsertCheck { get; }

    /// <summary>A run's checks in the order they ran: name, status, value, duration_s, detail.</summary>
    string SelectChecks { get; }

    string SelectRun { get; }

    string SelectPhases { get; }

    string SelectGate { get; }

    string SelectTrials { get; }

    string SelectPoints { get; }

    string SelectOffline { get; }

    /// <summary><c>summary_points</c> of a run: origin, load_kind, load, the three medians, source_path, source_line.</summary>
    string SelectSummaryPoints { get; }

    /// <summary>A run's <c>source</c> and <c>source_path</c>.</summary>
    string SelectProvenance { get; }

    /// <summary>
    /// Days with runs between <c>@from</c> and <c>@to</c> (image date, else start date): columns <c>day</c>,
    /// <c>runs</c>, <c>failed</c>; newest first.
    /// </summary>
    string QueryRunDays { get; }

    /// <summary>
    /// Filtered run list, newest first: <c>@from</c>/<c>@to</c> compare the image date, else the start date
    /// (UTC); <c>@hardware</c>, <c>@node</c>, <c>@preset</c>, <c>@job_key</c> match exactly; NULL means no filter; <c>@limit</c>.
    /// </summary>
    string QueryRuns { get; }

    /// <summary>The catalog query of the SQL explorer's schema listing (see <see cref="PortableResultsDialect.CatalogSql"/>).</summary>
    string CatalogSql { get; }

    /// <summary>The change counter the read cache asks; null when the engine has none (every read then reads through).</summary>
    string? ChangeVersionSql { get; }

    object Timestamp(DateTimeOffset value);

    DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    object Date(DateOnly value);

    DateOnly ReadDate(DbDataReader reader, int ordinal);
}
