using Survey.Domain.Surveys;

namespace Survey.Store;

// Single-use invitation codes, kept as hashes, and never linked to an answer.
public interface IInvitationStore
{
    Task AddInvitationsAsync(string surveySlug, IReadOnlyList<string> codeHashes, CancellationToken ct);

    // Spends the code if it is unused; atomic, so two residents cannot both spend one code.
    Task<InvitationState> RedeemAsync(string surveySlug, string codeHash, CancellationToken ct);

    // Makes a spent code usable again (its answer could not be accepted after all).
    Task ReleaseAsync(string surveySlug, string codeHash, CancellationToken ct);
}
