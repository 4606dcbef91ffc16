using Dapper;
using Npgsql;
using Survey.Domain.CrimeStatistics;
using Survey.Domain.Tallying;

namespace Survey.Store;

public sealed class PostgresReportVersionStore(NpgsqlDataSource db) : IReportVersionStore
{
    // Each part only grows or changes when its source is written: a definition's text; the respondents, which every
    // counted answer adds one to; the dialogues' versions, which are only ever replaced by later ones (their sum, exact
    // as numeric, grows with every insert and correction); every crime statistics row as imported.
    private const string Sql = """
        select md5(
            coalesce((select string_agg(o.slug || '=' || md5(o.definition::text) || '#' || coalesce(t.count, 0), ',' order by o.slug)
                from surveys o
                left join tallies t on t.survey_slug = o.slug and t.dimension = @all and t.dimension_value = '' and t.metric = @respondents
                where o.municipality_code = s.municipality_code), '')
            || '|' || (select count(*) || ':' || coalesce(sum(d.recorded_ticks), 0) from dialogues d where d.survey_slug = s.slug)
            || '|' || coalesce((select string_agg(c.region || ':' || c.year || ':' || c.category_key || ':' || c.category || ':' || c.count
                    || ':' || c.rate || ':' || c.imported_at, ',' order by c.region, c.year, c.category_key)
                from crime_statistics c where c.region in (s.municipality_code, @national)), '')) as Version
        from surveys s where s.slug = @slug
        """;

    public async Task<string?> ReadAsync(string slug, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Sql,
            new { slug, all = Dimensions.All, respondents = Metrics.Respondents, national = ReportedOffences.National }, cancellationToken: ct));
    }
}
