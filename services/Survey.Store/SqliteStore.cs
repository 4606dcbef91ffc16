using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Survey.Contracts;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Store;

/// <summary>
/// The embedded store: one SQLite file, WAL with synchronous=FULL so a committed response is on
/// disk before Intake answers 202. Writes are serialised here; SQLite has one writer anyway.
/// </summary>
public sealed class SqliteStore(string connectionString) : IResponseStore, ISurveyStore, IInvitationStore, IStoreSchema, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync("pragma foreign_keys = on; pragma synchronous = full; pragma busy_timeout = 5000;");
        return connection;
    }

    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await connection.ExecuteAsync("""
            pragma journal_mode = wal;
            create table if not exists surveys (
                slug              text primary key,
                municipality_code text not null,
                definition        text not null,
                created_at        text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')),
                updated_at        text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')));
            create table if not exists responses (
                response_id  text primary key,
                survey_slug  text not null references surveys (slug),
                received_at  text not null,
                recorded_at  text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')),
                answer       text not null);
            create index if not exists responses_survey on responses (survey_slug, received_at);
            create table if not exists tallies (
                survey_slug     text not null references surveys (slug),
                dimension       text not null,
                dimension_value text not null,
                metric          text not null,
                count           integer not null,
                priority_points integer not null,
                primary key (survey_slug, dimension, dimension_value, metric));
            create table if not exists invitations (
                survey_slug text not null references surveys (slug),
                code_hash   text not null,
                used        integer not null default 0,
                primary key (survey_slug, code_hash));
            """);
    }

    public async Task<IReadOnlyList<Guid>> RecordAsync(IReadOnlyList<SurveyResponseSubmitted> responses, CancellationToken ct)
    {
        var unique = responses.DistinctBy(r => r.ResponseId).ToList();
        if (unique.Count == 0) return [];

        await _writer.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var inserted = new List<SurveyResponseSubmitted>();
            foreach (var r in unique)
            {
                var rows = await connection.ExecuteAsync(
                    "insert or ignore into responses (response_id, survey_slug, received_at, answer) values (@id, @slug, @received, @answer)",
                    new { id = r.ResponseId.ToString(), slug = r.SurveySlug, received = r.ReceivedAt.UtcDateTime.ToString("O"),
                          answer = JsonSerializer.Serialize(r, StoreJson.Options) }, tx);
                if (rows == 1) inserted.Add(r);
            }
            foreach (var (key, counts) in Tally.Deltas(inserted))
            {
                await connection.ExecuteAsync("""
                    insert into tallies (survey_slug, dimension, dimension_value, metric, count, priority_points)
                    values (@SurveySlug, @Dimension, @Value, @Metric, @Count, @Points)
                    on conflict (survey_slug, dimension, dimension_value, metric) do update
                    set count = count + excluded.count, priority_points = priority_points + excluded.priority_points
                    """, new { key.SurveySlug, key.Dimension, key.Value, key.Metric, counts.Count, Points = counts.PriorityPoints }, tx);
            }
            await tx.CommitAsync(ct);
            return inserted.Select(r => r.ResponseId).ToList();
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task AddInvitationsAsync(string surveySlug, IReadOnlyList<string> codeHashes, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            foreach (var codeHash in codeHashes)
                await connection.ExecuteAsync("insert or ignore into invitations (survey_slug, code_hash) values (@surveySlug, @codeHash)",
                    new { surveySlug, codeHash }, tx);
            await tx.CommitAsync(ct);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<InvitationState> RedeemAsync(string surveySlug, string codeHash, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            var spent = await connection.ExecuteAsync(
                "update invitations set used = 1 where survey_slug = @surveySlug and code_hash = @codeHash and used = 0", new { surveySlug, codeHash });
            if (spent == 1) return InvitationState.Redeemed;
            var exists = await connection.ExecuteScalarAsync<long>(
                "select count(*) from invitations where survey_slug = @surveySlug and code_hash = @codeHash", new { surveySlug, codeHash });
            return exists > 0 ? InvitationState.AlreadyUsed : InvitationState.Unknown;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task ReleaseAsync(string surveySlug, string codeHash, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            await connection.ExecuteAsync("update invitations set used = 0 where survey_slug = @surveySlug and code_hash = @codeHash",
                new { surveySlug, codeHash });
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<bool> HasResponsesAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(
            "select exists (select 1 from responses where survey_slug = @surveySlug)", new { surveySlug });
    }

    public async Task<IReadOnlyList<DayCount>> ReadResponsesPerDayAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // received_at is UTC in ISO 8601 ("2026-11-22T13:30:47.1234567Z"). Swedish time is UTC plus whole hours,
        // so SQLite counts per UTC hour and each hour goes to its Swedish day here: the work grows with hours, not answers.
        var hours = await connection.QueryAsync<(string Hour, long Responses)>(
            "select substr(received_at, 1, 13) as hour, count(*) from responses where survey_slug = @surveySlug group by hour",
            new { surveySlug });
        return hours
            .Select(h => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(
                DateTimeOffset.ParseExact(h.Hour + ":00:00Z", "yyyy-MM-dd'T'HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal), SwedishTime).DateTime), h.Responses))
            .GroupBy(h => h.Day)
            .OrderBy(g => g.Key)
            .Select(g => new DayCount(g.Key, g.Sum(h => h.Responses)))
            .ToList();
    }

    private static readonly TimeZoneInfo SwedishTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TallyRow>>> ReadTalliesAsync(
        string surveySlug, IReadOnlyCollection<string> dimensions, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Dimension, string Value, string Metric, long Count, long Points)>(
            "select dimension, dimension_value, metric, count, priority_points from tallies where survey_slug = @surveySlug and dimension in @dimensions",
            new { surveySlug, dimensions });
        return Tallies.ByDimension(dimensions, rows.Select(r => (r.Dimension, new TallyRow(r.Value, r.Metric, r.Count, r.Points))));
    }

    public async Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>("select definition from surveys where slug = @slug", new { slug });
        return json is null ? null : StoreJson.ReadSurvey(json);
    }

    public async Task<IReadOnlyList<SurveyDefinition>> ListAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<string>("select definition from surveys order by slug");
        return rows.Select(StoreJson.ReadSurvey).ToList();
    }

    public async Task<bool> CreateAsync(SurveyDefinition survey, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.ExecuteAsync(
            "insert or ignore into surveys (slug, municipality_code, definition) values (@Slug, @MunicipalityCode, @Definition)",
            new { survey.Slug, survey.MunicipalityCode, Definition = JsonSerializer.Serialize(survey, StoreJson.Options) });
        return rows == 1;
    }

    public async Task<bool> UpdateAsync(SurveyDefinition survey, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.ExecuteAsync("""
            update surveys set municipality_code = @MunicipalityCode, definition = @Definition,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ') where slug = @Slug
            """, new { survey.Slug, survey.MunicipalityCode, Definition = JsonSerializer.Serialize(survey, StoreJson.Options) });
        return rows == 1;
    }

    public void Dispose() => _writer.Dispose();
}
