using Survey.Contracts;
using Survey.Domain.Tallying;

namespace Survey.Store;

// Responses and their tallies. Recording is idempotent per response id.
public interface IResponseStore
{
    // Stores each response not stored before and adds exactly those to the tallies, all in one
    // transaction. Returns the ids that were new.
    Task<IReadOnlyList<Guid>> RecordAsync(IReadOnlyList<SurveyResponseSubmitted> responses, CancellationToken ct);

    // How many RecordAsync transactions are worth having open at once: PostgreSQL works on one while the next is being
    // sent (2); SQLite has one writer, and a second transaction would only wait, smaller (1).
    int ConcurrentRecords { get; }

    // Whether any answer to the survey has been stored.
    Task<bool> HasResponsesAsync(string surveySlug, CancellationToken ct);

    // The survey's non-blank free-text answers (scrubbed at intake), without any other attribute of the response.
    Task<IReadOnlyList<string>> ReadFreeTextsAsync(string surveySlug, CancellationToken ct);

    // Responses received per day, by the Swedish calendar (Europe/Stockholm).
    Task<IReadOnlyList<DayCount>> ReadResponsesPerDayAsync(string surveySlug, CancellationToken ct);

    // The tallies of these breakdowns ("all" for the whole survey), by dimension, read in one statement so
    // that they are of one moment: a breakdown never counts an answer that the survey total does not.
    Task<IReadOnlyDictionary<string, IReadOnlyList<TallyRow>>> ReadTalliesAsync(
        string surveySlug, IReadOnlyCollection<string> dimensions, CancellationToken ct);
}

public sealed record TallyRow(string Value, string Metric, long Count, long PriorityPoints);

internal static class Tallies
{
    // Rows grouped by dimension, every asked-for dimension present (empty when nothing was counted in it).
    public static IReadOnlyDictionary<string, IReadOnlyList<TallyRow>> ByDimension(
        IReadOnlyCollection<string> dimensions, IEnumerable<(string Dimension, TallyRow Row)> rows)
    {
        var byDimension = dimensions.ToDictionary(d => d, _ => new List<TallyRow>());
        foreach (var (dimension, row) in rows) byDimension[dimension].Add(row);
        return byDimension.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<TallyRow>)kv.Value);
    }
}
