using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Survey.Domain.Surveys;

namespace Survey.Store;

public sealed class SqliteSurveyStore(SqliteDatabase database) : ISurveyStore
{
    // The embedded store's file has one process, and its surveys change only through this store: a definition read is kept
    // until this store writes a survey (Intake asks for the survey on every answer). A read that overlapped a write keeps nothing.
    private readonly ConcurrentDictionary<string, SurveyDefinition> _found = new(StringComparer.Ordinal);
    private long _writes;

    public async Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct)
    {
        if (_found.TryGetValue(slug, out var kept)) return kept;
        var writes = Interlocked.Read(ref _writes);
        await using var connection = await database.OpenAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>("select definition from surveys where slug = @slug", new { slug });
        if (json is null) return null;
        var survey = StoreJson.ReadSurvey(json);
        if (Interlocked.Read(ref _writes) == writes) _found[slug] = survey;
        return survey;
    }

    private void Written()
    {
        Interlocked.Increment(ref _writes);
        _found.Clear();
    }

    public async Task<IReadOnlyList<SurveyDefinition>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<string>("select definition from surveys order by slug");
        return rows.Select(StoreJson.ReadSurvey).ToList();
    }

    public async Task<SurveyDefinition?> FindPreviousAsync(SurveyDefinition survey, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition("select definition from surveys where municipality_code = @code", new { code = survey.MunicipalityCode }, cancellationToken: ct));
        return PreviousSurvey.Among(survey, rows.Select(StoreJson.ReadSurvey));
    }

    public async Task<bool> CreateAsync(SurveyDefinition survey, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(
            "insert or ignore into surveys (slug, municipality_code, definition) values (@Slug, @MunicipalityCode, @Definition)",
            new { survey.Slug, survey.MunicipalityCode, Definition = JsonSerializer.Serialize(survey, StoreJson.Options) });
        Written();
        return rows == 1;
    }

    public async Task<bool> UpdateAsync(SurveyDefinition survey, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.ExecuteAsync("""
            update surveys set municipality_code = @MunicipalityCode, definition = @Definition,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ') where slug = @Slug
            """, new { survey.Slug, survey.MunicipalityCode, Definition = JsonSerializer.Serialize(survey, StoreJson.Options) });
        Written();
        return rows == 1;
    }
}
