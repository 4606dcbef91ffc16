using Dapper;
using Survey.Domain.CrimeStatistics;
using Survey.Domain.Tallying;

namespace Survey.Store;

public sealed class SqliteReportVersionStore(SqliteDatabase database) : IReportVersionStore
{
    // As PostgresReportVersionStore's, without a hash (the embedded store is local and small). The dialogues' versions are
    // summed in two parts, as a sum of ticks overflows SQLite's integers: both sums together grow with every change.
    private const string Sql = """
        select
            coalesce((select group_concat(o.slug || '=' || o.definition || '#' || coalesce(t.count, 0), ',' order by o.slug)
                from surveys o
                left join tallies t on t.survey_slug = o.slug and t.dimension = @all and t.dimension_value = '' and t.metric = @respondents
                where o.municipality_code = s.municipality_code), '')
            || '|' || (select count(*) || ':' || coalesce(sum(d.recorded_ticks / 1000000), 0) || ':' || coalesce(sum(d.recorded_ticks % 1000000), 0)
                from dialogues d where d.survey_slug = s.slug)
            || '|' || coalesce((select group_concat(c.region || ':' || c.year || ':' || c.category_key || ':' || c.category || ':' || c.count
                    || ':' || c.rate || ':' || c.imported_at, ',' order by c.region, c.year, c.category_key)
                from crime_statistics c where c.region in (s.municipality_code, @national)), '') as Version
        from surveys s where s.slug = @slug
        """;

    public async Task<string?> ReadAsync(string slug, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Sql,
            new { slug, all = Dimensions.All, respondents = Metrics.Respondents, national = ReportedOffences.National }, cancellationToken: ct));
    }
}
