namespace Survey.Domain.Ranking;

/// <summary>One group of a breakdown (an area, an age group …): its respondents and its count per concern.</summary>
public sealed record GroupCounts(string Value, long Respondents, long Answered, IReadOnlyDictionary<string, long> Counts);

/// <summary>What may be shown of a breakdown: null where a figure is suppressed.</summary>
public sealed record SuppressedGroup(string Value, long? Respondents, long? Answered, IReadOnlyDictionary<string, long?> Counts);

/// <summary>
/// Small-cell suppression for breakdowns. A breakdown's groups are a complete partition of the
/// respondents (those who did not answer the question are a group of their own), and the
/// survey-wide figures are published, so one hidden figure in a column could be recovered as
/// total − the others. Hence: primary suppression of every figure from 1 to minimum − 1 (and of
/// whole groups with fewer respondents than the minimum), then complementary suppression until no
/// column has exactly one hidden figure.
/// </summary>
public static class Suppression
{
    public static IReadOnlyList<SuppressedGroup> Apply(
        IReadOnlyList<GroupCounts> groups, IReadOnlyList<string> concerns, int minimum, IReadOnlyDictionary<string, int>? minimumByConcern = null)
    {
        var hiddenGroup = groups.Select(g => g.Respondents < minimum).ToArray();
        ComplementColumn(hiddenGroup, groups.Select(g => g.Respondents).ToArray());

        var hiddenCell = new Dictionary<string, bool[]>();
        foreach (var concern in concerns)
        {
            var floor = Math.Max(minimum, minimumByConcern?.GetValueOrDefault(concern) ?? 0);
            var counts = groups.Select(g => g.Counts.GetValueOrDefault(concern)).ToArray();
            var hidden = groups.Select((g, i) => hiddenGroup[i] || counts[i] is > 0 && counts[i] < floor).ToArray();
            ComplementColumn(hidden, counts);
            hiddenCell[concern] = hidden;
        }

        return groups.Select((g, i) => new SuppressedGroup(
            g.Value,
            hiddenGroup[i] ? null : g.Respondents,
            hiddenGroup[i] ? null : g.Answered,
            concerns.ToDictionary(c => c, c => hiddenCell[c][i] ? (long?)null : g.Counts.GetValueOrDefault(c)))).ToList();
    }

    /// <summary>While exactly one figure of the column is hidden, hide the smallest shown one too.</summary>
    private static void ComplementColumn(bool[] hidden, long[] values)
    {
        if (hidden.Count(h => h) != 1) return;
        var partner = Enumerable.Range(0, values.Length)
            .Where(i => !hidden[i])
            .OrderBy(i => values[i] == 0 ? 1 : 0) // a hidden zero protects nothing if the reader can guess it
            .ThenBy(i => values[i])
            .Cast<int?>()
            .FirstOrDefault();
        if (partner is { } p) hidden[p] = true;
    }
}
