using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Domain.Disclosure;

// A concern across the whole survey: who named it, its priority points and how many people gave them.
public readonly record struct ConcernTotal(long Count, long PriorityPoints, long Prioritisers);

// The survey-wide tallies.
public sealed record TotalCounts(long Respondents, long Answered, IReadOnlyDictionary<string, ConcernTotal> Concerns)
{
    public ConcernTotal Concern(string code) => Concerns.GetValueOrDefault(code);

    // Per concern, the respondents whose free text names it (apart from the ticked boxes).
    public IReadOnlyDictionary<string, long> MentionedInFreeText { get; init; } = new Dictionary<string, long>();
}

// Everything the service counts for one survey, before the disclosure gate: the survey-wide
// tallies, every breakdown, the age × gender cells behind the weighting, the previous survey of
// the same municipality and the answers per day. Nothing here may leave the service as it is.
public sealed record SurveyCounts
{
    public required SurveyDefinition Survey { get; init; }
    public required TotalCounts Total { get; init; }

    // Per breakdown dimension (area, age group, gender, channel) its groups; "" is the group that did not answer.
    public required IReadOnlyDictionary<string, IReadOnlyList<GroupCounts>> Breakdowns { get; init; }

    // The age group × gender cells (both answered): only used to weight, never published as they are.
    public IReadOnlyList<CellCounts> AgeByGender { get; init; } = [];

    // The same municipality's previous survey, for the trend.
    public PreviousCounts? Previous { get; init; }

    // Answers per day; null when the caller does not publish days.
    public IReadOnlyList<DayCount>? Days { get; init; }

    // The survey's own questions, by code.
    public IReadOnlyDictionary<string, QuestionCounts> Questions { get; init; } = new Dictionary<string, QuestionCounts>();

    public IReadOnlyList<GroupCounts> Breakdown(string dimension) => Breakdowns.GetValueOrDefault(dimension) ?? [];
}

public sealed record PreviousCounts(SurveyDefinition Survey, TotalCounts Total)
{
    // Its own questions, by code: compared with this survey's questions of the same code.
    public IReadOnlyDictionary<string, QuestionCounts> Questions { get; init; } = new Dictionary<string, QuestionCounts>();
}
