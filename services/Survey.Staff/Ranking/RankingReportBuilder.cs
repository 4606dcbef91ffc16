using Survey.Domain.Disclosure;
using Survey.Domain.Municipalities;
using Survey.Domain.Ranking;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Staff.Ranking;

// The one place where the evidence for a proposal is put together: the survey's figures as the disclosure gate
// published them, ranked, broken down, weighted and written up as a proposal. The API, the dashboard and every
// export take their report from here; further sources of evidence join here too.
public static class RankingReportBuilder
{
    public static List<Breakdown> AllBreakdowns(PublishedSurvey published) =>
        Dimensions.For(published.Survey).Select(by => BreakdownView(published, by)).ToList();

    // The ranking as every view and export shows it, written from the gate's figures only.
    // by: A breakdown dimension (Named), or null.
    public static RankingResponse Build(PublishedSurvey published, string? by, TimeProvider clock)
    {
        var survey = published.Survey;
        var result = ConcernRanking.Rank(published);
        var warnings = result.Warnings.Concat(published.Notes).ToList();
        MunicipalityRegistry.TryGet(survey.MunicipalityCode, out var municipality);
        var breakdown = by is null ? null : BreakdownView(published, by);
        var areas = survey.Areas.Count > 0 ? BreakdownView(published, Dimensions.Area) : null;
        var views = result.Concerns.Select(c => new RankedConcernView(
                c.Code, c.Label, c.Figures.Count, c.Figures.Share, c.Figures.CiLow, c.Figures.CiHigh, c.Figures.PriorityPoints, c.Rank,
                c.StatisticallyTiedWith, c.Figures.Trend, c.Figures.Hidden)
            {
                WeightedShare = c.Figures.Weighted?.Share,
                WeightedCiLow = c.Figures.Weighted?.CiLow,
                WeightedCiHigh = c.Figures.Weighted?.CiHigh,
                MentionedInFreeText = c.Figures.MentionedInFreeText,
            })
            .ToList();
        var ranking = new RankingResponse(
            survey.Slug,
            new MunicipalityRef(survey.MunicipalityCode, municipality?.Name ?? survey.MunicipalityCode),
            survey.PledgePeriodStart,
            survey.PledgePeriodEnd,
            clock.GetUtcNow(),
            published.Respondents,
            published.Answered,
            DisclosureRule.English(survey),
            views,
            result.FocusAreas,
            warnings,
            published.Previous is { } p
                ? new PreviousSurveyRef(p.Survey.Slug, p.Survey.PledgePeriodStart, p.Survey.PledgePeriodEnd, p.Respondents, p.MethodChange)
                : null,
            breakdown)
        {
            Weighting = published.Weighting is { } w ? WeightingView.From(survey, w) : null,
        };
        return ranking with { Proposal = ProposalText.Write(ranking, areas) };
    }

    private static Breakdown BreakdownView(PublishedSurvey published, string by)
    {
        var survey = published.Survey;
        return new Breakdown(
            Dimensions.ByName(by),
            DisclosureRule.English(survey),
            published.Breakdown(by).Groups.Select(g => new BreakdownGroup(
                g.Value.Length == 0 ? null : g.Value,
                Label(survey, by, g.Value),
                g.Respondents,
                g.Answered,
                survey.Concerns.Select(c => new BreakdownConcern(c, g.Concerns[c].Count, g.Concerns[c].Share, g.Concerns[c].CiLow, g.Concerns[c].CiHigh))
                    .ToList()))
                .ToList());
    }

    // How a group reads in Swedish: the area's own name, "16–24 år", "Kvinna", "Direktlänk" for answers without a channel.
    public static string Label(SurveyDefinition survey, string by, string value) => (by, value) switch
    {
        (Dimensions.Channel, "") => "Direktlänk (ingen kanal)",
        (Dimensions.Channel, _) => ChannelCode.Label(value),
        (_, "") => "Ej svar",
        (Dimensions.Area, _) => survey.Areas.FirstOrDefault(a => a.Code == value)?.Label ?? value,
        (Dimensions.AgeGroup, _) => value.Replace('-', '–') + " år",
        (Dimensions.Gender, _) => char.ToUpper(value[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + value[1..],
        _ when survey.Question(Dimensions.ByName(by)) is { } q => q.Options?.FirstOrDefault(o => o.Code == value)?.LabelIn("sv") ?? value,
        _ => value,
    };
}
