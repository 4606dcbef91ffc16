using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Pledges;

namespace Survey.Store;

public sealed class PostgresPledgeStore(NpgsqlDataSource db) : IPledgeStore
{
    public async Task<PledgeRecord?> FindAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var pledge = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select pledge::text from pledges where survey_slug = @surveySlug", new { surveySlug }, cancellationToken: ct));
        if (pledge is null) return null;
        var progress = await connection.QueryAsync<string>(new CommandDefinition(
            "select progress::text from pledge_progress where survey_slug = @surveySlug order by id", new { surveySlug }, cancellationToken: ct));
        return new PledgeRecord(JsonSerializer.Deserialize<Pledge>(pledge, StoreJson.Options)!,
            progress.Select(p => JsonSerializer.Deserialize<PledgeProgress>(p, StoreJson.Options)!).ToList());
    }

    public async Task SaveAsync(string surveySlug, Pledge pledge, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into pledges (survey_slug, pledge) values (@surveySlug, @pledge::jsonb)
            on conflict (survey_slug) do update set pledge = excluded.pledge, updated_at = now()
            """, new { surveySlug, pledge = JsonSerializer.Serialize(pledge, StoreJson.Options) }, cancellationToken: ct));
    }

    public async Task AddProgressAsync(string surveySlug, PledgeProgress progress, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into pledge_progress (survey_slug, progress) values (@surveySlug, @progress::jsonb)",
            new { surveySlug, progress = JsonSerializer.Serialize(progress, StoreJson.Options) }, cancellationToken: ct));
    }
}
