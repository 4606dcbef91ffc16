using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Surveys;

namespace Survey.Store;

public sealed class PostgresSurveyStore(NpgsqlDataSource db, ReportChanges changes) : ISurveyStore
{
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

    public async Task<SurveyDefinition?> FindPreviousAsync(SurveyDefinition survey, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition("select definition::text from surveys where municipality_code = @code", new { code = survey.MunicipalityCode }, cancellationToken: ct));
        return PreviousSurvey.Among(survey, rows.Select(StoreJson.ReadSurvey));
    }

    public async Task<bool> CreateAsync(SurveyDefinition survey, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition("""
            insert into surveys (slug, municipality_code, definition) values (@Slug, @MunicipalityCode, @Definition::jsonb)
            on conflict (slug) do nothing
            """, new { survey.Slug, survey.MunicipalityCode, Definition = JsonSerializer.Serialize(survey, StoreJson.Options) },
            cancellationToken: ct));
        // PostgreSQL tells every Staff API (007_report_changes); this one reads its own write at once, also before the notice.
        changes.Changed(["*"]);
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
        // PostgreSQL tells every Staff API (007_report_changes); this one reads its own write at once, also before the notice.
        changes.Changed(["*"]);
        return rows == 1;
    }
}
