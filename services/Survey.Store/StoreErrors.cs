using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Survey.Store;

public static class StoreErrors
{
    // True when the store is down, restarting or busy, so the same write will succeed later;
    // false when the write itself is wrong (a constraint it breaks, data it cannot take).
    public static bool IsTransient(Exception e) => e switch
    {
        TimeoutException => true,
        // Shut down by an administrator, crashed, or still starting: wait for it.
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => true,
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        DbException db => db.IsTransient,
        _ => false,
    };
}
