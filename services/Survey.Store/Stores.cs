using Survey.Contracts;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Store;

/// <summary>Responses and their tallies. Recording is idempotent per response id.</summary>
public interface IResponseStore
{
    /// <summary>
    /// Stores each response not stored before and adds exactly those to the tallies, all in one
    /// transaction. Returns the ids that were new.
    /// </summary>
    Task<IReadOnlyList<Guid>> RecordAsync(IReadOnlyList<SurveyResponseSubmitted> responses, CancellationToken ct);

    /// <summary>Whether any answer to the survey has been stored.</summary>
    Task<bool> HasResponsesAsync(string surveySlug, CancellationToken ct);

    /// <summary>Responses received per day, by the Swedish calendar (Europe/Stockholm).</summary>
    Task<IReadOnlyList<DayCount>> ReadResponsesPerDayAsync(string surveySlug, CancellationToken ct);

    /// <summary>
    /// The tallies of these breakdowns ("all" for the whole survey), by dimension, read in one statement so
    /// that they are of one moment: a breakdown never counts an answer that the survey total does not.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<TallyRow>>> ReadTalliesAsync(
        string surveySlug, IReadOnlyCollection<string> dimensions, CancellationToken ct);
}

public sealed record TallyRow(string Value, string Metric, long Count, long PriorityPoints);

internal static class Tallies
{
    /// <summary>Rows grouped by dimension, every asked-for dimension present (empty when nothing was counted in it).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<TallyRow>> ByDimension(
        IReadOnlyCollection<string> dimensions, IEnumerable<(string Dimension, TallyRow Row)> rows)
    {
        var byDimension = dimensions.ToDictionary(d => d, _ => new List<TallyRow>());
        foreach (var (dimension, row) in rows) byDimension[dimension].Add(row);
        return byDimension.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<TallyRow>)kv.Value);
    }
}

public interface ISurveyStore
{
    Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct);
    Task<IReadOnlyList<SurveyDefinition>> ListAsync(CancellationToken ct);

    /// <summary>False when a survey with that slug exists.</summary>
    Task<bool> CreateAsync(SurveyDefinition survey, CancellationToken ct);

    /// <summary>False when there is no survey with that slug.</summary>
    Task<bool> UpdateAsync(SurveyDefinition survey, CancellationToken ct);
}

/// <summary>Single-use invitation codes, kept as hashes, and never linked to an answer.</summary>
public interface IInvitationStore
{
    Task AddInvitationsAsync(string surveySlug, IReadOnlyList<string> codeHashes, CancellationToken ct);

    /// <summary>Spends the code if it is unused; atomic, so two residents cannot both spend one code.</summary>
    Task<InvitationState> RedeemAsync(string surveySlug, string codeHash, CancellationToken ct);

    /// <summary>Makes a spent code usable again (its answer could not be accepted after all).</summary>
    Task ReleaseAsync(string surveySlug, string codeHash, CancellationToken ct);
}

/// <summary>Creates or upgrades the schema; safe to run from several processes at once.</summary>
public interface IStoreSchema
{
    Task EnsureCreatedAsync(CancellationToken ct);
}
