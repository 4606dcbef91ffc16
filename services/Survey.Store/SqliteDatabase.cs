using Dapper;
using Microsoft.Data.Sqlite;

namespace Survey.Store;

// The embedded store: one SQLite file, WAL with synchronous=FULL so a committed response is on
// disk before Intake answers 202. Writes are serialised here; SQLite has one writer anyway. One per
// file, shared by every feature's SQLite store, so that their writes wait for each other here.
public sealed class SqliteDatabase(string connectionString) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync("pragma foreign_keys = on; pragma synchronous = full; pragma busy_timeout = 5000;");
        return connection;
    }

    // A write on its own connection, one at a time in this process.
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> write, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            return await write(connection);
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task WriteAsync(Func<SqliteConnection, Task> write, CancellationToken ct) =>
        WriteAsync(async connection => { await write(connection); return true; }, ct);

    public void Dispose() => _writer.Dispose();
}
