using Survey.Domain.Concerns;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Domain.Ranking;

public sealed record RankedConcern(
    string Code,
    string Label,
    long Count,
    double Share,
    double CiLow,
    double CiHigh,
    long PriorityPoints,
    int Rank,
    IReadOnlyList<string> StatisticallyTiedWith)
{
    /// <summary>The change in share since the same municipality's previous survey, when there is one that asked about it.</summary>
    public ShareChange? Trend { get; init; }

    /// <summary>The share post-stratified to the population, when population weights are set.</summary>
    public WeightedShare? Weighted { get; init; }
}

public sealed record FocusArea(string Code, string Label, int Rank);

public sealed record RankingResult(
    long Respondents,
    long AnsweredConcerns,
    IReadOnlyList<RankedConcern> Concerns,
    IReadOnlyList<FocusArea> FocusAreas,
    IReadOnlyList<string> Warnings);

/// <summary>The ranking method of DESIGN.md: order by share, ties by priority points.</summary>
public static class ConcernRanking
{
    public const int DefaultFocusAreas = 3;
    public const int DefaultMinimumRespondents = 30;

    /// <param name="tallies">The survey-wide cell ("all"): metric → counts.</param>
    /// <param name="weighted">Weighted shares by concern code: when given, they order the concerns and decide the ties.</param>
    public static RankingResult Rank(
        SurveyDefinition survey,
        IReadOnlyDictionary<string, TallyCounts> tallies,
        IReadOnlyDictionary<string, WeightedShare>? weighted = null,
        int focusAreas = DefaultFocusAreas,
        int minimumRespondents = DefaultMinimumRespondents)
    {
        var respondents = tallies.GetValueOrDefault(Metrics.Respondents).Count;
        var answered = tallies.GetValueOrDefault(Metrics.AnsweredConcerns).Count;

        var rows = survey.Concerns
            .Select(code =>
            {
                var t = tallies.GetValueOrDefault(Metrics.Concern(code));
                var interval = WilsonInterval.Compute(t.Count, answered);
                var w = weighted?.GetValueOrDefault(code);
                return (Code: code, t.Count, Share: answered == 0 ? 0 : (double)t.Count / answered, interval, t.PriorityPoints,
                    Weighted: w, Key: w?.Share ?? t.Count, Tie: w is null ? interval : new Interval(w.CiLow, w.CiHigh));
            })
            // Ordinal code order last only to make the output stable; equal share and points share a rank.
            .OrderByDescending(r => r.Key)
            .ThenByDescending(r => r.PriorityPoints)
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();

        var ranked = new List<RankedConcern>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var rank = i > 0 && rows[i - 1].Key == r.Key && rows[i - 1].PriorityPoints == r.PriorityPoints
                ? ranked[i - 1].Rank
                : i + 1;
            var tied = answered == 0
                ? []
                : rows.Where(o => o.Code != r.Code && o.Tie.Overlaps(r.Tie)).Select(o => o.Code).ToList();
            ranked.Add(new RankedConcern(r.Code, ConcernTaxonomy.SwedishLabel(r.Code), r.Count, r.Share,
                r.interval.Low, r.interval.High, r.PriorityPoints, rank, tied) { Weighted = r.Weighted });
        }

        var warnings = new List<string>();
        if (respondents < minimumRespondents)
            warnings.Add($"Endast {respondents} svarande (färre än {minimumRespondents}): rangordningen är för osäker att bygga ett medborgarlöfte på.");

        // Only concerns that may be shown are proposed: a count under the survey's floor (per concern) is hidden, and takes no place.
        var focus = ranked.Where(c => c.Count >= Math.Max(1, survey.FloorFor(c.Code))).Take(focusAreas)
            .Select(c => new FocusArea(c.Code, c.Label, c.Rank)).ToList();
        return new RankingResult(respondents, answered, ranked, focus, warnings);
    }
}
