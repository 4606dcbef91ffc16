using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Survey.Contracts;
using Survey.Domain.Tallying;

namespace Survey.Store;

public sealed class PostgresResponseStore(NpgsqlDataSource db) : IResponseStore
{
    public int ConcurrentRecords => 2;

    public async Task<IReadOnlyList<Guid>> RecordAsync(IReadOnlyList<SurveyResponseSubmitted> responses, CancellationToken ct)
    {
        // In id order: two transactions at once (ConcurrentRecords) that hold the same response lock it in the same order.
        var unique = responses.DistinctBy(r => r.ResponseId).OrderBy(r => r.ResponseId).ToList();
        if (unique.Count == 0) return [];

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var inserted = new HashSet<Guid>();
        await using (var insert = new NpgsqlCommand("""
            insert into responses (response_id, survey_slug, received_at, answer)
            select * from unnest(@ids, @slugs, @received, @answers)
            on conflict (response_id) do nothing
            returning response_id
            """, connection, tx))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", unique.Select(r => r.ResponseId).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("slugs", unique.Select(r => r.SurveySlug).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("received", unique.Select(r => r.ReceivedAt.UtcDateTime).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter("answers", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
            {
                Value = unique.Select(r => JsonSerializer.Serialize(r, StoreJson.Options)).ToArray(),
            });
            await using var reader = await insert.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) inserted.Add(reader.GetGuid(0));
        }

        var deltas = Tally.Deltas(unique.Where(r => inserted.Contains(r.ResponseId)))
            // One order for every writer, so concurrent batches lock rows in the same order.
            .OrderBy(kv => kv.Key.SurveySlug, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Dimension, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Value, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Metric, StringComparer.Ordinal)
            .ToList();
        if (deltas.Count > 0)
        {
            await using var upsert = new NpgsqlCommand("""
                insert into tallies (survey_slug, dimension, dimension_value, metric, count, priority_points)
                select * from unnest(@slugs, @dimensions, @values, @metrics, @counts, @points)
                on conflict (survey_slug, dimension, dimension_value, metric) do update
                set count = tallies.count + excluded.count,
                    priority_points = tallies.priority_points + excluded.priority_points
                """, connection, tx);
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("slugs", deltas.Select(d => d.Key.SurveySlug).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("dimensions", deltas.Select(d => d.Key.Dimension).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("values", deltas.Select(d => d.Key.Value).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("metrics", deltas.Select(d => d.Key.Metric).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<long[]>("counts", deltas.Select(d => d.Value.Count).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<long[]>("points", deltas.Select(d => d.Value.PriorityPoints).ToArray()));
            await upsert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return [.. inserted];
    }

    public async Task<bool> HasResponsesAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from responses where survey_slug = @surveySlug)", new { surveySlug }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<string>> ReadFreeTextsAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            """
            select answer->>'freeText' from responses
            where survey_slug = @surveySlug and btrim(coalesce(answer->>'freeText', '')) <> ''
            """, new { surveySlug }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<DayCount>> ReadResponsesPerDayAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(DateTime Day, long Responses)>(new CommandDefinition("""
            select (received_at at time zone 'Europe/Stockholm')::date as day, count(*) as responses
            from responses where survey_slug = @surveySlug group by 1 order by 1
            """, new { surveySlug }, cancellationToken: ct));
        return rows.Select(r => new DayCount(DateOnly.FromDateTime(r.Day), r.Responses)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TallyRow>>> ReadTalliesAsync(
        string surveySlug, IReadOnlyCollection<string> dimensions, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Dimension, string Value, string Metric, long Count, long Points)>(new CommandDefinition("""
            select dimension, dimension_value, metric, count, priority_points
            from tallies where survey_slug = @surveySlug and dimension = any(@dimensions)
            """, new { surveySlug, dimensions = dimensions.ToArray() }, cancellationToken: ct));
        return Tallies.ByDimension(dimensions, rows.Select(r => (r.Dimension, new TallyRow(r.Value, r.Metric, r.Count, r.Points))));
    }
}
