using Survey.Domain.Concerns;
using Survey.Domain.Disclosure;

namespace Survey.Domain.Ranking;

// A concern in the ranking: its published figures, its rank and the concerns it is statistically tied with.
public sealed record RankedConcern(PublishedConcern Figures, string Label, int Rank, IReadOnlyList<string> StatisticallyTiedWith)
{
    public string Code => Figures.Code;
}

public sealed record FocusArea(string Code, string Label, int Rank);

public sealed record RankingResult(IReadOnlyList<RankedConcern> Concerns, IReadOnlyList<FocusArea> FocusAreas, IReadOnlyList<string> Warnings);

// The ranking method of DESIGN.md, over the published figures only, so that the order tells no more
// than the figures beside it: by weighted share (by share where the weighted share is hidden), ties by
// priority points. Hidden concerns share one rank, in code order, after those shown with answers and
// before those nobody named.
public static class ConcernRanking
{
    public const int DefaultFocusAreas = 3;
    public const int DefaultMinimumRespondents = 30;

    public static RankingResult Rank(PublishedSurvey published, int focusAreas = DefaultFocusAreas, int minimumRespondents = DefaultMinimumRespondents)
    {
        static double Key(PublishedConcern c) => c.Weighted?.Share ?? c.Share ?? 0;
        static long Points(PublishedConcern c) => c.PriorityPoints ?? -1;
        static Interval? Tie(PublishedConcern c) =>
            c.Weighted is { } w ? new Interval(w.CiLow, w.CiHigh) : c is { CiLow: { } low, CiHigh: { } high } ? new Interval(low, high) : null;
        IEnumerable<PublishedConcern> ByKey(IEnumerable<PublishedConcern> cs) =>
            cs.OrderByDescending(Key).ThenByDescending(Points).ThenBy(c => c.Code, StringComparer.Ordinal);

        var named = ByKey(published.Concerns.Where(c => c.Count > 0)).ToList();
        var hidden = published.Concerns.Where(c => c.Hidden).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var nobody = ByKey(published.Concerns.Where(c => c.Count == 0)).ToList();
        var order = named.Concat(hidden).Concat(nobody).ToList();

        var ranked = new List<RankedConcern>(order.Count);
        for (var i = 0; i < order.Count; i++)
        {
            var c = order[i];
            var before = i > 0 ? order[i - 1] : null;
            var shareRank = before is not null && before.Hidden == c.Hidden
                && (c.Hidden || (Key(before) == Key(c) && Points(before) == Points(c) && (before.Count > 0) == (c.Count > 0)));
            var tied = Tie(c) is { } mine
                ? order.Where(o => o.Code != c.Code && Tie(o) is { } theirs && theirs.Overlaps(mine)).Select(o => o.Code).ToList()
                : [];
            ranked.Add(new RankedConcern(c, ConcernTaxonomy.SwedishLabel(c.Code), shareRank ? ranked[i - 1].Rank : i + 1, tied));
        }

        var warnings = new List<string>();
        if (published.Respondents is { } n && n < minimumRespondents)
            warnings.Add($"Endast {n} svarande (färre än {minimumRespondents}): rangordningen är för osäker att bygga ett medborgarlöfte på.");
        else if (published.Respondents is null && published.Survey.MinimumCellSize > 1)
            warnings.Add($"Färre än {published.Survey.MinimumCellSize} svarande: rangordningen är för osäker att bygga ett medborgarlöfte på, och siffrorna visas inte.");

        // Only concerns shown with answers are proposed.
        var focus = ranked.Take(named.Count).Take(focusAreas).Select(c => new FocusArea(c.Code, c.Label, c.Rank)).ToList();
        return new RankingResult(ranked, focus, warnings);
    }
}
