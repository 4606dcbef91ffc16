namespace Survey.Domain.Disclosure;

// One group of a breakdown (an area, an age group …): its respondents, those who answered the concern question, and its count per concern.
public sealed record GroupCounts(string Value, long Respondents, long Answered, IReadOnlyDictionary<string, long> Counts);

// What may be shown of a breakdown: null where a figure is hidden.
public sealed record SuppressedGroup(string Value, long? Respondents, long? Answered, IReadOnlyDictionary<string, long?> Counts);

// Small-cell suppression of one breakdown. Its groups are a complete partition of the respondents
// (those who did not answer the question are a group of their own), and the survey-wide figures
// are published, so one hidden figure in a column could be recovered as total − the others.
// Hence, per column (respondents, answered, each concern): primary suppression of every count from
// 1 to floor − 1, then complementary suppression until no column has exactly one hidden figure.
// A group whose respondents are hidden is hidden whole; a group whose answered count is hidden
// hides its concern counts too (their shares are built on it).
public static class BreakdownSuppression
{
    public static IReadOnlyList<SuppressedGroup> Apply(
        IReadOnlyList<GroupCounts> groups, IReadOnlyList<string> concerns, int minimum, IReadOnlyDictionary<string, int>? minimumByConcern = null,
        bool[]? hide = null)
    {
        // What a reader knows besides the shown figures: a listed group has someone in it, those who answered are
        // no more than the group, and those who named a concern no more than those who answered. `hide`: groups hidden
        // for a reason outside the breakdown.
        var respondents = HideColumn(groups.Select(g => g.Respondents).ToArray(), minimum, inherited: hide, atLeastOne: true);
        var answered = HideColumn(groups.Select(g => g.Answered).ToArray(), minimum, inherited: respondents.Hidden, upper: respondents.Upper);

        var hiddenCell = new Dictionary<string, bool[]>();
        foreach (var concern in concerns)
        {
            var floor = Math.Max(minimum, minimumByConcern?.GetValueOrDefault(concern) ?? 0);
            hiddenCell[concern] = HideColumn(groups.Select(g => g.Counts.GetValueOrDefault(concern)).ToArray(), floor,
                inherited: answered.Hidden, upper: answered.Upper).Hidden;
        }

        return groups.Select((g, i) => new SuppressedGroup(
            g.Value,
            respondents.Hidden[i] ? null : g.Respondents,
            answered.Hidden[i] ? null : g.Answered,
            concerns.ToDictionary(c => c, c => hiddenCell[c][i] ? (long?)null : g.Counts.GetValueOrDefault(c)))).ToList();
    }

    // A column's hidden figures, and the largest value each figure could have as far as a reader can tell.
    public sealed record Column(bool[] Hidden, long[] Upper);

    // Which figures of one column (a partition of a published total) to hide: those from 1 to floor − 1 and those
    // hidden already for another reason (inherited); then, while a hidden figure has only one
    // value left that fits the total and what the reader knows of each figure (at least 1 for a listed group
    // when atLeastOne; at most upper, e.g. a group's answered count is at most
    // its respondents), the smallest shown figure that is not zero too. That covers the single hidden figure (the
    // total minus the others), hidden figures that are all zeros, and two hidden groups of 1 each. A column whose
    // total is 0 hides nothing: every figure in it is known.
    public static Column HideColumn(IReadOnlyList<long> values, int floor, bool[]? inherited, bool atLeastOne = false, long[]? upper = null)
    {
        var n = values.Count;
        var total = values.Sum();
        var hidden = new bool[n];
        if (total > 0)
            for (var i = 0; i < n; i++) hidden[i] = (inherited?[i] ?? false) || !DisclosureRule.MayShow(values[i], floor);
        while (Exposed(values, hidden, atLeastOne, upper, total))
        {
            var partner = Enumerable.Range(0, n)
                .Where(i => !hidden[i])
                .OrderBy(i => values[i] == 0 ? 1 : 0) // a hidden zero protects little if the reader can guess it
                .ThenBy(i => values[i])
                .Cast<int?>()
                .FirstOrDefault();
            if (partner is not { } p) break;
            hidden[p] = true;
        }
        return new Column(hidden, Bounds(values, hidden, atLeastOne, upper, total).Max);
    }

    // True when some hidden figure has a single possible value.
    private static bool Exposed(IReadOnlyList<long> values, bool[] hidden, bool atLeastOne, long[]? upper, long total)
    {
        if (!hidden.Any(h => h)) return false;
        var (min, max) = Bounds(values, hidden, atLeastOne, upper, total);
        return Enumerable.Range(0, values.Count).Any(i => hidden[i] && min[i] >= max[i]);
    }

    // Each figure's smallest and largest possible value given the shown figures, their total, at least 1 per listed
    // group and at most its upper bound (a shown figure's own value is both).
    private static (long[] Min, long[] Max) Bounds(IReadOnlyList<long> values, bool[] hidden, bool atLeastOne, long[]? upper, long total)
    {
        var n = values.Count;
        var hiddenSum = total - Enumerable.Range(0, n).Where(i => !hidden[i]).Sum(i => values[i]);
        long Low(int i) => atLeastOne ? 1 : 0;
        long High(int i) => Math.Min(upper?[i] ?? long.MaxValue / 4, hiddenSum);
        var lows = Enumerable.Range(0, n).Where(i => hidden[i]).Sum(Low);
        var highs = Enumerable.Range(0, n).Where(i => hidden[i]).Sum(High);
        var min = new long[n];
        var max = new long[n];
        for (var i = 0; i < n; i++)
        {
            if (!hidden[i])
            {
                min[i] = max[i] = values[i];
                continue;
            }
            min[i] = Math.Max(Low(i), hiddenSum - (highs - High(i)));
            max[i] = Math.Min(High(i), hiddenSum - (lows - Low(i)));
        }
        return (min, max);
    }
}
