using Survey.Domain.Disclosure;
using Survey.Domain.Municipalities;
using Survey.Domain.Ranking;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.Staff.CrimeStatistics;
using Survey.Staff.Dialogues;

namespace Survey.Staff.Ranking;

// The one place where the evidence for a proposal is put together: the survey's figures as the disclosure gate
// published them, ranked, broken down, weighted and written up as a proposal. The API, the dashboard and every
// export take their report from here; further sources of evidence join here too.
public static class RankingReportBuilder
{
    public static List<Breakdown> AllBreakdowns(PublishedSurvey published) =>
        Dimensions.For(published.Survey).Select(by => BreakdownView(published, by)).ToList();

    // The ranking as every view and export shows it, written from the gate's figures only.
    // by: A breakdown dimension (Named), or null. inputs: what else than the survey the report weighs, as stored (RankingEvidence
    // reads it; null: nothing else). weights: how much each source counts (default FusionWeights.Default).
    public static RankingResponse Build(
        PublishedSurvey published, string? by, TimeProvider clock, EvidenceInputs? inputs = null, FusionWeights? weights = null)
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
        inputs ??= EvidenceInputs.None;
        var crime = inputs.CrimeStatistics is { } offences ? CrimeStatisticsView.For(survey, offences) : null;
        // The proposal weighs every source; with the survey alone it is the survey ranking's top concerns, as it always was.
        var evidence = EvidenceTable.Build(views, Other(views, published.Answered, inputs.Dialogues, crime), weights ?? FusionWeights.Default);
        var focusAreas = evidence.SurveyOnly
            ? result.FocusAreas
            : evidence.Rows.Where(r => r.Score > 0).Take(ConcernRanking.DefaultFocusAreas).Select(r => new FocusArea(r.Code, r.Label, r.Rank)).ToList();
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
            focusAreas,
            warnings,
            published.Previous is { } p
                ? new PreviousSurveyRef(p.Survey.Slug, p.Survey.PledgePeriodStart, p.Survey.PledgePeriodEnd, p.Respondents, p.MethodChange)
                : null,
            breakdown)
        {
            Weighting = published.Weighting is { } w ? WeightingView.From(survey, w) : null,
            Evidence = evidence,
            CrimeStatistics = crime,
            Dialogues = inputs.Dialogues,
        };
        return ranking with { Proposal = ProposalText.Write(ranking, areas) };
    }

    // What the other sources say per concern, as the fusion weighs them (EvidenceSources.Measure).
    private static OtherEvidence Other(
        IReadOnlyList<RankedConcernView> views, long? answered, DialogueSummaryView? dialogues, CrimeStatisticsView? crime) => new()
    {
        // Respondents whose free text mentions a concern ÷ those who answered the concern question; none when no free text was
        // read as any concern. A hidden mention count, or a hidden denominator, gives a hidden value.
        FreeText = !views.Any(v => v.MentionedInFreeText is null or > 0) ? null : views.ToDictionary(v => v.Code, v =>
            v.MentionedInFreeText is { } m && answered is { } n && n > 0 ? (double?)m / n : null),
        // Participants who raised a concern ÷ all participants; none when no dialogue is recorded. A hidden count, or a hidden
        // number of participants (the share and the count shown beside it would give it away), gives a hidden value.
        Dialogues = dialogues is not { Dialogues: > 0 } d ? null : d.Concerns.ToDictionary(c => c.Code, c =>
            c.Raised is { } raised && d.Participants is { } participants && participants > 0 ? (double?)raised / participants : null),
        // Only where the import had the country's rate to compare with: a rate alone says nothing about how large a problem is here.
        CrimeStatistics = crime?.Concerns.Where(c => c.RatioToNational is not null).ToDictionary(c => c.Code, c => c.RatioToNational),
    };

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
