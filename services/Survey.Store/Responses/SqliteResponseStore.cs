using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Survey.Contracts;
using Survey.Domain.Tallying;

namespace Survey.Store;

public sealed class SqliteResponseStore(SqliteDatabase database) : IResponseStore
{
    public int ConcurrentRecords => 1;

    public Task<IReadOnlyList<Guid>> RecordAsync(IReadOnlyList<SurveyResponseSubmitted> responses, CancellationToken ct)
    {
        var unique = responses.DistinctBy(r => r.ResponseId).ToList();
        if (unique.Count == 0) return Task.FromResult<IReadOnlyList<Guid>>([]);

        return database.WriteAsync<IReadOnlyList<Guid>>(async connection =>
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            // Each statement prepared once for the whole batch, its parameters set anew for each row.
            await using var insert = Prepared(connection, tx,
                "insert or ignore into responses (response_id, survey_slug, received_at, answer) values ($id, $slug, $received, $answer)",
                "$id", "$slug", "$received", "$answer");
            var inserted = new List<SurveyResponseSubmitted>();
            foreach (var r in unique)
            {
                Set(insert, r.ResponseId.ToString(), r.SurveySlug, r.ReceivedAt.UtcDateTime.ToString("O"), JsonSerializer.Serialize(r, StoreJson.Options));
                if (await insert.ExecuteNonQueryAsync(ct) == 1) inserted.Add(r);
            }
            await using var upsert = Prepared(connection, tx, """
                insert into tallies (survey_slug, dimension, dimension_value, metric, count, priority_points)
                values ($slug, $dimension, $value, $metric, $count, $points)
                on conflict (survey_slug, dimension, dimension_value, metric) do update
                set count = count + excluded.count, priority_points = priority_points + excluded.priority_points
                """, "$slug", "$dimension", "$value", "$metric", "$count", "$points");
            foreach (var (key, counts) in Tally.Deltas(inserted))
            {
                Set(upsert, key.SurveySlug, key.Dimension, key.Value, key.Metric, counts.Count, counts.PriorityPoints);
                await upsert.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            return inserted.Select(r => r.ResponseId).ToList();
        }, ct);
    }

    private static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] parameters)
    {
        var command = new SqliteCommand(sql, connection, tx);
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }

    public async Task<bool> HasResponsesAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(
            "select exists (select 1 from responses where survey_slug = @surveySlug)", new { surveySlug });
    }

    public async Task<IReadOnlyList<string>> ReadFreeTextsAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<string>(
            """
            select json_extract(answer, '$.freeText') from responses
            where survey_slug = @surveySlug and trim(coalesce(json_extract(answer, '$.freeText'), '')) <> ''
            """, new { surveySlug })).ToList();
    }

    public async Task<IReadOnlyList<DayCount>> ReadResponsesPerDayAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        // received_at is UTC in ISO 8601 ("2026-11-22T13:30:47.1234567Z"). Swedish time is UTC plus whole hours,
        // so SQLite counts per UTC hour and each hour goes to its Swedish day here: the work grows with hours, not answers.
        var hours = await connection.QueryAsync<(string Hour, long Responses)>(
            "select substr(received_at, 1, 13) as hour, count(*) from responses where survey_slug = @surveySlug group by hour",
            new { surveySlug });
        return hours
            .Select(h => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(
                DateTimeOffset.ParseExact(h.Hour + ":00:00Z", "yyyy-MM-dd'T'HH:mm:ssZ", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal), SwedishTime).DateTime), h.Responses))
            .GroupBy(h => h.Day)
            .OrderBy(g => g.Key)
            .Select(g => new DayCount(g.Key, g.Sum(h => h.Responses)))
            .ToList();
    }

    private static readonly TimeZoneInfo SwedishTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TallyRow>>> ReadTalliesAsync(
        string surveySlug, IReadOnlyCollection<string> dimensions, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Dimension, string Value, string Metric, long Count, long Points)>(
            "select dimension, dimension_value, metric, count, priority_points from tallies where survey_slug = @surveySlug and dimension in @dimensions",
            new { surveySlug, dimensions });
        return Tallies.ByDimension(dimensions, rows.Select(r => (r.Dimension, new TallyRow(r.Value, r.Metric, r.Count, r.Points))));
    }
}
