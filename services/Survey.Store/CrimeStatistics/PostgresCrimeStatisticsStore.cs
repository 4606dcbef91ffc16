using Dapper;
using Npgsql;
using Survey.Domain.CrimeStatistics;

namespace Survey.Store;

public sealed class PostgresCrimeStatisticsStore(NpgsqlDataSource db, ReportChanges changes) : ICrimeStatisticsStore
{
    public async Task ImportAsync(IReadOnlyList<ReportedOffences> rows, DateTimeOffset importedAt, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // One statement for the whole file; a later duplicate cannot occur (the parser refuses them).
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into crime_statistics (region, year, category_key, category, count, rate, imported_at)
            select r, y, k, c, n, rt, @importedAt from unnest(@regions, @years, @keys, @categories, @counts, @rates) as t (r, y, k, c, n, rt)
            on conflict (region, year, category_key) do update
                set category = excluded.category, count = excluded.count, rate = excluded.rate, imported_at = excluded.imported_at
            """, new
            {
                regions = rows.Select(r => r.Region).ToArray(),
                years = rows.Select(r => r.Year).ToArray(),
                keys = rows.Select(r => OffenceCategories.Key(r.Category)).ToArray(),
                categories = rows.Select(r => r.Category).ToArray(),
                counts = rows.Select(r => r.Count).ToArray(),
                rates = rows.Select(r => r.RatePer100k).ToArray(),
                importedAt = importedAt.ToUniversalTime(),
            }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        // Every report compares with the national rows (007_report_changes tells the other Staff APIs).
        changes.Changed(["*"]);
    }

    public async Task<IReadOnlyList<StoredOffences>> ReadAsync(IReadOnlyCollection<string> regions, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Region, int Year, string Category, long Count, double Rate, DateTime ImportedAt)>(
            new CommandDefinition("""
                select region, year, category, count, rate, imported_at from crime_statistics
                where region = any(@regions) order by region, year, category_key
                """, new { regions = regions.ToArray() }, cancellationToken: ct));
        // Npgsql reads timestamptz as a DateTime in UTC.
        return rows.Select(r => new StoredOffences(new ReportedOffences(r.Region, r.Year, r.Category, r.Count, r.Rate),
            new DateTimeOffset(DateTime.SpecifyKind(r.ImportedAt, DateTimeKind.Utc)))).ToList();
    }
}
