using System.Text.Json;
using Dapper;
using Survey.Domain.Pledges;

namespace Survey.Store;

public sealed class SqlitePledgeStore(SqliteDatabase database) : IPledgeStore
{
    public async Task<PledgeRecord?> FindAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var pledge = await connection.QuerySingleOrDefaultAsync<string>("select pledge from pledges where survey_slug = @surveySlug", new { surveySlug });
        if (pledge is null) return null;
        var progress = await connection.QueryAsync<string>(
            "select progress from pledge_progress where survey_slug = @surveySlug order by id", new { surveySlug });
        return new PledgeRecord(JsonSerializer.Deserialize<Pledge>(pledge, StoreJson.Options)!,
            progress.Select(p => JsonSerializer.Deserialize<PledgeProgress>(p, StoreJson.Options)!).ToList());
    }

    public Task SaveAsync(string surveySlug, Pledge pledge, CancellationToken ct) =>
        database.WriteAsync(connection => connection.ExecuteAsync("""
            insert into pledges (survey_slug, pledge) values (@surveySlug, @pledge)
            on conflict (survey_slug) do update set pledge = excluded.pledge, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ')
            """, new { surveySlug, pledge = JsonSerializer.Serialize(pledge, StoreJson.Options) }), ct);

    public Task AddProgressAsync(string surveySlug, PledgeProgress progress, CancellationToken ct) =>
        database.WriteAsync(connection => connection.ExecuteAsync(
            "insert into pledge_progress (survey_slug, progress) values (@surveySlug, @progress)",
            new { surveySlug, progress = JsonSerializer.Serialize(progress, StoreJson.Options) }), ct);
}
