using Survey.Domain.Disclosure;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Staff.Dialogues;

namespace Survey.Staff.Ranking;

// The ranking report as the API, the dashboard and every export show it. RankingReportBuilder writes it.
public sealed record MunicipalityRef(string Code, string Name);

// A ranked concern as staff see it: a figure the disclosure gate hides is null; Suppressed: its count is hidden.
public sealed record RankedConcernView(
    string Code, string Label, long? Count, double? Share, double? CiLow, double? CiHigh, long? PriorityPoints, int Rank,
    IReadOnlyList<string> StatisticallyTiedWith, ShareChange? Trend, bool Suppressed)
{
    // The share post-stratified to the population (null without a population table, or when suppressed).
    public double? WeightedShare { get; init; }
    public double? WeightedCiLow { get; init; }
    public double? WeightedCiHigh { get; init; }

    // "Nämnt i fritext": respondents whose free text the classifier read this concern in, counted apart
    // from the ticked boxes and never part of Count or Share (null when the gate hides it).
    public long? MentionedInFreeText { get; init; }
}

public sealed record BreakdownConcern(string Code, long? Count, double? Share, double? CiLow, double? CiHigh);

public sealed record BreakdownGroup(string? Value, string Label, long? Respondents, long? Answered, IReadOnlyList<BreakdownConcern> Concerns);

// The ranking split by one question; null marks a figure the disclosure gate hides.
public sealed record Breakdown(string By, string SuppressionRule, IReadOnlyList<BreakdownGroup> Groups);

public sealed record PreviousSurveyRef(string Slug, DateOnly PledgePeriodStart, DateOnly PledgePeriodEnd, long? Respondents, string? MethodChange = null);

public sealed record RankingResponse(
    string Survey,
    MunicipalityRef Municipality,
    DateOnly PledgePeriodStart,
    DateOnly PledgePeriodEnd,
    DateTimeOffset GeneratedAt,
    long? Respondents,
    long? AnsweredConcerns,
    string SuppressionRule,
    IReadOnlyList<RankedConcernView> Concerns,
    IReadOnlyList<FocusArea> FocusAreas,
    IReadOnlyList<string> Warnings,
    PreviousSurveyRef? PreviousSurvey,
    Breakdown? Breakdown)
{
    // Present when the survey has a population table: the weights used and the effective sample size.
    public WeightingView? Weighting { get; init; }

    // The proposed focus areas with a Swedish rationale citing the figures, and a draft medborgarlöfte.
    public Proposal? Proposal { get; init; }

    // Every breakdown: only in the JSON export (format=json).
    public IReadOnlyList<Breakdown>? Breakdowns { get; init; }

    // The sources behind the proposal, the weights used and each source's part per concern.
    public EvidenceTable? Evidence { get; init; }

    // The survey's own questions with their results: only in the JSON export.
    public IReadOnlyList<QuestionResultView>? Questions { get; init; }

    // Brå's reported offences for the municipality beside the survey figures (null when none are imported that map to
    // the survey's concerns). Official statistics, not answers: the disclosure gate does not apply (its Note says so).
    public Survey.Staff.CrimeStatistics.CrimeStatisticsView? CrimeStatistics { get; init; }
    // The survey's dialogues and safety walks as evidence beside the survey figures (null where not read).
    public DialogueSummaryView? Dialogues { get; init; }
}

public sealed record StratumView(IReadOnlyList<string> AgeGroups, IReadOnlyList<string> Genders, long Population, double PopulationShare,
    long Respondents, double Weight);

// How the weighted shares were made.
public sealed record WeightingView(
    string Method, string? PopulationSource, IReadOnlyList<StratumView> Strata, long AnsweredOutsideTable, double EffectiveSampleSize,
    IReadOnlyList<string> Notes)
{
    public static WeightingView From(SurveyDefinition survey, PublishedWeighting w) => new(
        "Post-stratification by age group × gender: each answer in a group weighs (the group's share of the population) ÷ " +
        "(its share of the answers inside the table); answers outside the table weigh 1. Groups with fewer answers than the " +
        "minimum cell size are merged first. Where weights by gender would give a hidden or small count away, the strata are whole age " +
        "groups (genders [\"*\"]: every gender, also none given). Intervals are Wilson intervals over Kish's effective sample size.",
        survey.PopulationSource,
        w.Strata.Select(s => new StratumView(s.AgeGroups, s.Genders, s.Population, s.PopulationShare, s.Respondents, s.Weight)).ToList(),
        w.AnsweredOutsideTable,
        w.EffectiveSampleSize,
        w.Notes);
}
