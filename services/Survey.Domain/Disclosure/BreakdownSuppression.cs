namespace Survey.Domain.Disclosure;

/// <summary>One group of a breakdown (an area, an age group …): its respondents, those who answered the concern question, and its count per concern.</summary>
public sealed record GroupCounts(string Value, long Respondents, long Answered, IReadOnlyDictionary<string, long> Counts);

/// <summary>What may be shown of a breakdown: null where a figure is hidden.</summary>
public sealed record SuppressedGroup(string Value, long? Respondents, long? Answered, IReadOnlyDictionary<string, long?> Counts);

/// <summary>
/// Small-cell suppression of one breakdown. Its groups are a complete partition of the respondents
/// (those who did not answer the question are a group of their own), and the survey-wide figures
/// are published, so one hidden figure in a column could be recovered as total − the others.
/// Hence, per column (respondents, answered, each concern): primary suppression of every count from
/// 1 to floor − 1, then complementary suppression until no column has exactly one hidden figure.
/// A group whose respondents are hidden is hidden whole; a group whose answered count is hidden
/// hides its concern counts too (their shares are built on it).
/// </summary>
public static class BreakdownSuppression
{
    public static IReadOnlyList<SuppressedGroup> Apply(
        IReadOnlyList<GroupCounts> groups, IReadOnlyList<string> concerns, int minimum, IReadOnlyDictionary<string, int>? minimumByConcern = null)
    {
        var hiddenGroup = HideColumn(groups.Select(g => g.Respondents).ToArray(), minimum, inherited: null);
        var hiddenAnswered = HideColumn(groups.Select(g => g.Answered).ToArray(), minimum, inherited: hiddenGroup);

        var hiddenCell = new Dictionary<string, bool[]>();
        foreach (var concern in concerns)
        {
            var floor = Math.Max(minimum, minimumByConcern?.GetValueOrDefault(concern) ?? 0);
            hiddenCell[concern] = HideColumn(groups.Select(g => g.Counts.GetValueOrDefault(concern)).ToArray(), floor, inherited: hiddenAnswered);
        }

        return groups.Select((g, i) => new SuppressedGroup(
            g.Value,
            hiddenGroup[i] ? null : g.Respondents,
            hiddenAnswered[i] ? null : g.Answered,
            concerns.ToDictionary(c => c, c => hiddenCell[c][i] ? (long?)null : g.Counts.GetValueOrDefault(c)))).ToList();
    }

    /// <summary>
    /// Which figures of one column (a partition of a published total) to hide: those from 1 to floor − 1 and
    /// those hidden already for another reason (<paramref name="inherited"/>), and then, while exactly one is
    /// hidden, the smallest shown one too.
    /// </summary>
    public static bool[] HideColumn(IReadOnlyList<long> values, int floor, bool[]? inherited)
    {
        var hidden = values.Select((v, i) => (inherited?[i] ?? false) || !DisclosureRule.MayShow(v, floor)).ToArray();
        if (hidden.Count(h => h) != 1) return hidden;
        var partner = Enumerable.Range(0, values.Count)
            .Where(i => !hidden[i])
            .OrderBy(i => values[i] == 0 ? 1 : 0) // a hidden zero protects nothing if the reader can guess it
            .ThenBy(i => values[i])
            .Cast<int?>()
            .FirstOrDefault();
        if (partner is { } p) hidden[p] = true;
        return hidden;
    }
}
