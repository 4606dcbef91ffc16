using Dapper;
using Npgsql;

namespace Survey.Store;

// Applies the pending migrations in one transaction: a failing step leaves the schema as it was.
public sealed class PostgresMigrator(NpgsqlDataSource db) : ISchemaMigrator
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The worker and the Staff API may start at once: one migrates, the other waits here and then finds
        // nothing left to do. The same key as the code before migrations, so an old and a new service wait for each other too.
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(5142514)", transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            create table if not exists schema_migrations (
                name       text primary key,
                applied_at timestamptz not null default now())
            """, transaction: tx, cancellationToken: ct));
        var applied = (await connection.QueryAsync<string>(new CommandDefinition(
            "select name from schema_migrations", transaction: tx, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);

        var pending = Migrations.For(Migrations.Postgres).Where(m => !applied.Contains(m.Name)).ToList();
        foreach (var migration in pending)
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into schema_migrations (name) values (@Name)", new { migration.Name }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return [.. pending.Select(m => m.Name)];
    }
}
