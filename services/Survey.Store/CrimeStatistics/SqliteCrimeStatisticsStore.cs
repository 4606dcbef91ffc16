using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Survey.Domain.CrimeStatistics;

namespace Survey.Store;

public sealed class SqliteCrimeStatisticsStore(SqliteDatabase database) : ICrimeStatisticsStore
{
    public Task ImportAsync(IReadOnlyList<ReportedOffences> rows, DateTimeOffset importedAt, CancellationToken ct) =>
        database.WriteAsync(async connection =>
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var at = importedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            foreach (var row in rows)
                await connection.ExecuteAsync("""
                    insert into crime_statistics (region, year, category_key, category, count, rate, imported_at)
                    values (@Region, @Year, @Key, @Category, @Count, @RatePer100k, @at)
                    on conflict (region, year, category_key) do update
                        set category = excluded.category, count = excluded.count, rate = excluded.rate, imported_at = excluded.imported_at
                    """, new { row.Region, row.Year, Key = OffenceCategories.Key(row.Category), row.Category, row.Count, row.RatePer100k, at }, tx);
            await tx.CommitAsync(ct);
        }, ct);

    public async Task<IReadOnlyList<StoredOffences>> ReadAsync(IReadOnlyCollection<string> regions, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = new List<StoredOffences>();
        // Dapper does not turn SQLite's text into a DateTimeOffset: read it as text.
        foreach (var region in regions.Distinct())
        {
            var found = await connection.QueryAsync<(string Region, long Year, string Category, long Count, double Rate, string ImportedAt)>("""
                select region, year, category, count, rate, imported_at from crime_statistics where region = @region order by year, category_key
                """, new { region });
            rows.AddRange(found.Select(r => new StoredOffences(new ReportedOffences(r.Region, (int)r.Year, r.Category, r.Count, r.Rate),
                DateTimeOffset.Parse(r.ImportedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal))));
        }
        return rows;
    }
}
