using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Survey.Domain.Surveys;

namespace Survey.Store;

public sealed class SqliteSurveyStore(SqliteDatabase database) : ISurveyStore
{
    // The embedded store's file has one process, and its surveys change only through this store: a definition read is kept
    // until this store writes a survey (Intake asks for the survey on every answer). While a write is under way nothing kept
    // is used (it may have committed already), and a definition read across a write is not kept: _generation moves at the
    // start and the end of every write.
    private readonly ConcurrentDictionary<string, SurveyDefinition> _found = new(StringComparer.Ordinal);
    private long _generation;
    private int _writing;

    public async Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var quiet = Volatile.Read(ref _writing) == 0;
        if (quiet && _found.TryGetValue(slug, out var kept) && Interlocked.Read(ref _generation) == generation) return kept;
        await using var connection = await database.OpenAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>("select definition from surveys where slug = @slug", new { slug });
        if (json is null) return null;
        var survey = StoreJson.ReadSurvey(json);
        if (quiet)
        {
            _found[slug] = survey;
            if (Interlocked.Read(ref _generation) != generation) _found.TryRemove(new KeyValuePair<string, SurveyDefinition>(slug, survey));
        }
        return survey;
    }

    private async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        Interlocked.Increment(ref _writing);
        Interlocked.Increment(ref _generation);
        try
        {
            return await write();
        }
        finally
        {
            _found.Clear();
            Interlocked.Increment(ref _generation);
            Interlocked.Decrement(ref _writing);
        }
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

    public Task<bool> CreateAsync(SurveyDefinition survey, CancellationToken ct) => WriteAsync(async () =>
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(
            "insert or ignore into surveys (slug, municipality_code, definition) values (@Slug, @MunicipalityCode, @Definition)",
            new { survey.Slug, survey.MunicipalityCode, Definition = JsonSerializer.Serialize(survey, StoreJson.Options) });
        return rows == 1;
    });

    public Task<bool> UpdateAsync(SurveyDefinition survey, CancellationToken ct) => WriteAsync(async () =>
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.ExecuteAsync("""
            update surveys set municipality_code = @MunicipalityCode, definition = @Definition,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ') where slug = @Slug
            """, new { survey.Slug, survey.MunicipalityCode, Definition = JsonSerializer.Serialize(survey, StoreJson.Options) });
        return rows == 1;
    });
}
