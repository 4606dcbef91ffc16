using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Survey.Contracts;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Store;

public sealed class PostgresStore(NpgsqlDataSource db) : IResponseStore, ISurveyStore, IInvitationStore, IStoreSchema
{
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Several services may start at once: one creates the schema, the others wait for it.
        await connection.ExecuteAsync("select pg_advisory_xact_lock(5142514)", transaction: tx);
        await connection.ExecuteAsync("""
            create table if not exists surveys (
                slug              text primary key,
                municipality_code text not null,
                definition        jsonb not null,
                created_at        timestamptz not null default now(),
                updated_at        timestamptz not null default now());
            create table if not exists responses (
                response_id  uuid primary key,
                survey_slug  text not null references surveys (slug),
                received_at  timestamptz not null,
                recorded_at  timestamptz not null default now(),
                answer       jsonb not null);
            create index if not exists responses_survey on responses (survey_slug, received_at);
            create table if not exists tallies (
                survey_slug     text not null references surveys (slug),
                dimension       text not null,
                dimension_value text not null,
                metric          text not null,
                count           bigint not null,
                priority_points bigint not null,
                primary key (survey_slug, dimension, dimension_value, metric));
            create table if not exists invitations (
                survey_slug text not null references surveys (slug),
                code_hash   text not null,
                used        boolean not null default false,
                primary key (survey_slug, code_hash));
            """, transaction: tx);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<Guid>> RecordAsync(IReadOnlyList<SurveyResponseSubmitted> responses, CancellationToken ct)
    {
        var unique = responses.DistinctBy(r => r.ResponseId).ToList();
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

    public async Task AddInvitationsAsync(string surveySlug, IReadOnlyList<string> codeHashes, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into invitations (survey_slug, code_hash) select @surveySlug, unnest(@codeHashes) on conflict do nothing",
            new { surveySlug, codeHashes = codeHashes.ToArray() }, cancellationToken: ct));
    }

    public async Task<InvitationState> RedeemAsync(string surveySlug, string codeHash, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var spent = await connection.ExecuteAsync(new CommandDefinition(
            "update invitations set used = true where survey_slug = @surveySlug and code_hash = @codeHash and not used",
            new { surveySlug, codeHash }, cancellationToken: ct));
        if (spent == 1) return InvitationState.Redeemed;
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from invitations where survey_slug = @surveySlug and code_hash = @codeHash)",
            new { surveySlug, codeHash }, cancellationToken: ct));
        return exists ? InvitationState.AlreadyUsed : InvitationState.Unknown;
    }

    public async Task ReleaseAsync(string surveySlug, string codeHash, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update invitations set used = false where survey_slug = @surveySlug and code_hash = @codeHash",
            new { surveySlug, codeHash }, cancellationToken: ct));
    }

    public async Task<bool> HasResponsesAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from responses where survey_slug = @surveySlug)", new { surveySlug }, cancellationToken: ct));
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

    public async Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select definition::text from surveys where slug = @slug", new { slug }, cancellationToken: ct));
        return json is null ? null : StoreJson.ReadSurvey(json);
    }

    public async Task<IReadOnlyList<SurveyDefinition>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "select definition::text from surveys order by slug", cancellationToken: ct));
        return rows.Select(StoreJson.ReadSurvey).ToList();
    }

    public async Task<bool> CreateAsync(SurveyDefinition survey, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition("""
            insert into surveys (slug, municipality_code, definition) values (@Slug, @MunicipalityCode, @Definition::jsonb)
            on conflict (slug) do nothing
            """, new { survey.Slug, survey.MunicipalityCode, Definition = JsonSerializer.Serialize(survey, StoreJson.Options) },
            cancellationToken: ct));
        return rows == 1;
    }

    public async Task<bool> UpdateAsync(SurveyDefinition survey, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition("""
            update surveys set municipality_code = @MunicipalityCode, definition = @Definition::jsonb, updated_at = now()
            where slug = @Slug
            """, new { survey.Slug, survey.MunicipalityCode, Definition = JsonSerializer.Serialize(survey, StoreJson.Options) },
            cancellationToken: ct));
        return rows == 1;
    }
}
