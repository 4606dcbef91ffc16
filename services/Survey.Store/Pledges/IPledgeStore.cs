using Survey.Domain.Pledges;

namespace Survey.Store;

// The pledge signed for a survey's period and the progress reported on it.
public interface IPledgeStore
{
    // The pledge with its progress updates in the order they were recorded; null when none is recorded.
    Task<PledgeRecord?> FindAsync(string surveySlug, CancellationToken ct);

    // Records the pledge, replacing an earlier version; its progress updates stay.
    Task SaveAsync(string surveySlug, Pledge pledge, CancellationToken ct);

    Task AddProgressAsync(string surveySlug, PledgeProgress progress, CancellationToken ct);
}
