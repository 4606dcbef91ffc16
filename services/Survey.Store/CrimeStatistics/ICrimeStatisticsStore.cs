using Survey.Domain.CrimeStatistics;

namespace Survey.Store;

public sealed record StoredOffences(ReportedOffences Row, DateTimeOffset ImportedAt);

// Reported offences imported from Brå: official public statistics, not answers.
public interface ICrimeStatisticsStore
{
    // Every row in one transaction, or none; a row of the same region, year and category replaces the stored one.
    Task ImportAsync(IReadOnlyList<ReportedOffences> rows, DateTimeOffset importedAt, CancellationToken ct);

    // The rows of these regions (SCB codes, "00" for the whole country), by region, year and category.
    Task<IReadOnlyList<StoredOffences>> ReadAsync(IReadOnlyCollection<string> regions, CancellationToken ct);
}
