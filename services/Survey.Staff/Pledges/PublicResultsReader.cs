using Survey.Domain.Disclosure;
using Survey.Domain.Pledges;
using Survey.Domain.Surveys;
using Survey.Staff.Disclosure;
using Survey.Staff.Ranking;
using Survey.Store;

namespace Survey.Staff.Pledges;

// What the public results page may show, put together here so that Intake (which has no store) gets exactly that and
// nothing more: the figures are the disclosure gate's (through SurveyFigures and the ranking built from them, never the
// tallies), and before the survey closes there are none.
public sealed class PublicResultsReader(ISurveyStore surveys, IPledgeStore pledges, SurveyFigures figures, TimeProvider clock)
{
    public const int TopConcerns = 5;
    public const int GeneralUpdates = 10;

    public async Task<PublicResults?> ReadAsync(string slug, CancellationToken ct)
    {
        if (await surveys.FindAsync(slug, ct) is not { } survey) return null;
        var now = clock.GetUtcNow();
        // The comparison survey the gate's trend uses: the same municipality's, whose pledge period started last before this one's.
        var previous = await surveys.FindPreviousAsync(survey, ct);
        if (previous is not null && previous.WindowAt(now) != SurveyWindowState.Closed) previous = null;

        var results = new PublicResults { Slug = survey.Slug, Closed = survey.WindowAt(now) == SurveyWindowState.Closed, MinimumCellSize = survey.MinimumCellSize };
        if (!results.Closed)
            return results with { Previous = previous is null ? null : new PreviousResults(previous.Slug, previous.PledgePeriodStart, previous.PledgePeriodEnd, []) };

        var published = await figures.ReadAsync(survey, withDays: false, ct);
        var ranking = RankingReportBuilder.Build(published, by: null, clock);
        var record = await pledges.FindAsync(slug, ct);
        return results with
        {
            Respondents = published.Respondents,
            // Only concerns shown as named: a hidden one in this list would tell the public that somebody (fewer than the floor)
            // named it, and it is not what residents raised most. Nothing at all while the respondents are hidden.
            TopConcerns = published.Respondents is null ? [] : ranking.Concerns.Where(c => !c.Suppressed && c.Count > 0).Take(TopConcerns)
                .Select(c => new PublicConcern(c.Code, c.Suppressed ? null : c.WeightedShare ?? c.Share)).ToList(),
            Pledge = record?.Pledge,
            Progress = record is null ? [] : Latest(record),
            Previous = previous is null ? null : await ChangesAsync(previous, published, ct),
        };
    }

    // The latest update of each activity, then the latest updates about the pledge as a whole; newest first.
    private static List<PledgeProgress> Latest(PledgeRecord record)
    {
        var ordered = record.Progress.Select((p, i) => (p, i)).OrderByDescending(x => x.p.Date).ThenByDescending(x => x.i).Select(x => x.p).ToList();
        var perActivity = ordered.Where(p => p.Activity is not null).GroupBy(p => p.Activity).Select(g => g.First());
        return [.. perActivity, .. ordered.Where(p => p.Activity is null).Take(GeneralUpdates)];
    }

    // Last pledge's focus areas, each with its share now and the change since then as the gate's trend publishes it.
    private async Task<PreviousResults> ChangesAsync(SurveyDefinition previous, PublishedSurvey published, CancellationToken ct)
    {
        var focus = (await pledges.FindAsync(previous.Slug, ct))?.Pledge.FocusAreas ?? [];
        var compared = published.Previous?.Survey.Slug == previous.Slug;
        return new PreviousResults(previous.Slug, previous.PledgePeriodStart, previous.PledgePeriodEnd, focus.Select(f =>
        {
            var now = published.Concerns.FirstOrDefault(c => c.Code == f.Concern);
            var trend = compared ? now?.Trend : null;
            return new FocusAreaChange(f.Concern, trend?.PreviousShare, now?.Share, trend?.Change, trend?.Significant ?? false);
        }).ToList());
    }
}
