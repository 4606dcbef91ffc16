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
        // A server that became a standby under an open connection: the new primary takes the write.
        PostgresException { SqlState: "25006" } => true,
        // A multi-host connection string (Target Session Attributes=primary) that finds no primary for now: the primary
        // is restarting or a standby is being promoted. Npgsql says so with no inner exception when it skips every host
        // by the state it remembers, or with each host's failure; those must all be transient for the whole to be.
        NpgsqlException { InnerException: AggregateException hosts } and not PostgresException =>
            hosts.InnerExceptions.Count > 0 && hosts.InnerExceptions.All(IsTransient),
        NpgsqlException { InnerException: null, Message: "No suitable host was found." } and not PostgresException => true,
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        DbException db => db.IsTransient,
        _ => false,
    };
}
