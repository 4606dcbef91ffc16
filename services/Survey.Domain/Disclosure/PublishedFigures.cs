using Survey.Domain.Ranking;
using Survey.Domain.Surveys;

namespace Survey.Domain.Disclosure;

// What may leave the service about one survey: every figure has passed the disclosure gate, and a
// null is a figure it hides. Views, pages and exports are written from this and nothing else.
public sealed record PublishedSurvey(
    SurveyDefinition Survey,
    long? Respondents,
    long? Answered,
    IReadOnlyList<PublishedConcern> Concerns,
    IReadOnlyDictionary<string, PublishedBreakdown> Breakdowns,
    PublishedWeighting? Weighting,
    PublishedPrevious? Previous,
    IReadOnlyList<PublishedDay>? Days,
    IReadOnlyList<string> Notes)
{
    // The survey's own questions, in the survey's order.
    public IReadOnlyList<PublishedQuestion> Questions { get; init; } = [];

    public PublishedBreakdown Breakdown(string dimension) => Breakdowns[dimension];
}

// A concern survey-wide. Count null: hidden (and with it every figure built on it).
public sealed record PublishedConcern(
    string Code, long? Count, double? Share, double? CiLow, double? CiHigh, long? PriorityPoints, WeightedShare? Weighted, ShareChange? Trend)
{
    public bool Hidden => Count is null;

    // How many respondents' free text names the concern (the classifier's reading, not a ticked box); null: hidden.
    public long? MentionedInFreeText { get; init; }
}

public sealed record PublishedBreakdown(string By, IReadOnlyList<PublishedGroup> Groups);

// One group of a breakdown ("" = did not answer that question).
public sealed record PublishedGroup(string Value, long? Respondents, long? Answered, IReadOnlyDictionary<string, PublishedShare> Concerns)
{
    // The group's share of all respondents (channels: where the answers came from).
    public double? RespondentShare { get; init; }
}

public sealed record PublishedShare(long? Count, double? Share, double? CiLow, double? CiHigh)
{
    public static readonly PublishedShare Hidden = new(null, null, null, null);
}

// The weights used; published whole or not at all, because each of these figures gives the others away.
public sealed record PublishedWeighting(
    IReadOnlyList<Stratum> Strata, long AnsweredOutsideTable, double EffectiveSampleSize, IReadOnlyList<string> Notes);

public sealed record PublishedPrevious(SurveyDefinition Survey, long? Respondents)
{
    // "Metodbyte: …" when the concern question was not asked the same way (other concerns or languages offered); else null.
    public string? MethodChange { get; init; }
}

public sealed record PublishedDay(DateOnly Day, long? Responses);
