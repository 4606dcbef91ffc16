namespace Survey.Store;

// Brings the schema up to date at start; safe to run from several processes at once.
public interface ISchemaMigrator
{
    // Applies the migrations this database has not had yet, in order, and returns their names.
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct);
}
