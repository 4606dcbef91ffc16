using Dapper;
using Microsoft.Data.Sqlite;

namespace Survey.Store;

// Applies the pending migrations in one transaction: a failing step leaves the schema as it was.
public sealed class SqliteMigrator(SqliteDatabase database) : ISchemaMigrator
{
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct) => database.WriteAsync(async connection =>
    {
        // A setting of the file rather than of the schema, and refused inside a transaction: set on every start.
        await connection.ExecuteAsync("pragma journal_mode = wal");
        // BEGIN IMMEDIATE: a second process migrating the same file waits (busy_timeout) instead of reading a stale list.
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync("""
            create table if not exists schema_migrations (
                name       text primary key,
                applied_at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')))
            """, transaction: tx);
        var applied = (await connection.QueryAsync<string>("select name from schema_migrations", transaction: tx))
            .ToHashSet(StringComparer.Ordinal);

        var pending = Migrations.For(Migrations.Sqlite).Where(m => !applied.Contains(m.Name)).ToList();
        foreach (var migration in pending)
        {
            await connection.ExecuteAsync(migration.Sql, transaction: tx);
            await connection.ExecuteAsync("insert into schema_migrations (name) values (@Name)", new { migration.Name }, tx);
        }
        await tx.CommitAsync(ct);
        return (IReadOnlyList<string>)[.. pending.Select(m => m.Name)];
    }, ct);
}
