using Survey.Contracts;
using Survey.Domain.FreeText;
using Survey.Domain.Questions;
using Survey.Domain.Surveys;

namespace Survey.Domain.Tallying;

// One counter in the tallies: for a survey, a cell of a breakdown (dimension and value; "all" and ""
// for the whole survey) and a metric ("respondents", "answered-concerns", "concern:narkotika", …).
public readonly record struct TallyKey(string SurveySlug, string Dimension, string Value, string Metric);

public readonly record struct TallyCounts(long Count, long PriorityPoints)
{
    public static TallyCounts operator +(TallyCounts a, TallyCounts b) => new(a.Count + b.Count, a.PriorityPoints + b.PriorityPoints);
}

// Responses received on one day of the Swedish calendar.
public sealed record DayCount(DateOnly Day, long Responses);

public static class Dimensions
{
    public const string All = "all";
    public const string Area = "area";
    public const string AgeGroup = "ageGroup";
    public const string Gender = "gender";
    public const string Channel = "channel";

    // Age group × gender, value "16-24|kvinna": read only to weight the ranking to the population,
    // never published as a breakdown (a cross-table beside the two margins could be differenced).
    public const string AgeGroupByGender = "ageGroup-gender";

    // The standard questions that are breakdowns (StandardQuestions.Breakdowns), then the channel an answer came by.
    public static IReadOnlyList<string> Breakdowns { get; } = [.. StandardQuestions.Breakdowns.Select(q => q.Dimension!), Channel];

    public static string AgeGroupByGenderValue(string ageGroup, string gender) => ageGroup + "|" + gender;

    // A single-choice question of the survey's own as a breakdown (?by=trygg-centrum): its options are the groups.
    public const string QuestionPrefix = "question:";

    public static string Question(string code) => QuestionPrefix + code;

    // The dimension a ?by= names: a standard breakdown, or a single-choice question's code; null when neither.
    public static string? Named(SurveyDefinition survey, string by) =>
        Breakdowns.Contains(by) ? by
        : survey.Question(by) is { Type: QuestionTypes.SingleChoice } ? Question(by)
        : null;

    // What ?by= calls a dimension.
    public static string ByName(string dimension) =>
        dimension.StartsWith(QuestionPrefix, StringComparison.Ordinal) ? dimension[QuestionPrefix.Length..] : dimension;

    // A survey's breakdowns: the standard four, then one per single-choice question of its own.
    public static IReadOnlyList<string> For(SurveyDefinition survey) =>
        [.. Breakdowns, .. (survey.Questions ?? []).Where(q => q.Type == QuestionTypes.SingleChoice).Select(q => Question(q.Code))];
}

public static class Metrics
{
    public const string Respondents = "respondents";
    public const string AnsweredConcerns = "answered-concerns";
    public const string AnsweredSafety = "answered-safety";
    public const string ConcernPrefix = "concern:";
    public const string SafetyPrefix = "safety:";

    // How many respondents put a concern among their top three: the people behind its priority points
    // (points alone cannot say: 6 points may be two people's first choice).
    public const string PrioritisedPrefix = "prioritised:";

    public static string Concern(string code) => ConcernPrefix + code;

    public static string Prioritised(string code) => PrioritisedPrefix + code;

    // A question of the survey's own: how many answered it, and how many gave each value (option or scale step).
    public const string QuestionPrefix = "question:";

    public static string QuestionAnswered(string code) => QuestionPrefix + code;

    public static string QuestionValue(string code, string value) => QuestionPrefix + code + "=" + value;

    // How many respondents' free text the classifier read a concern in ("nämnt i fritext"): counted apart
    // from the ticked boxes and never added to them, survey-wide only (no breakdown to difference).
    public const string FreeTextPrefix = "freetext:";

    public static string FreeText(string code) => FreeTextPrefix + code;
}

public static class Tally
{
    // What a set of new responses adds to the tallies: each response once in every cell it belongs to.
    public static Dictionary<TallyKey, TallyCounts> Deltas(IEnumerable<SurveyResponseSubmitted> responses)
    {
        var deltas = new Dictionary<TallyKey, TallyCounts>();
        foreach (var r in responses)
        {
            // Every taxonomy code the text names: the survey's concern list is not in the message, and the gate
            // publishes only the survey's own concerns.
            var mentioned = string.IsNullOrWhiteSpace(r.FreeText) ? [] : ConcernClassifier.Classify(r.FreeText);
            foreach (var (dimension, value) in Cells(r))
            {
                void Add(string metric, long count, long points = 0)
                {
                    var key = new TallyKey(r.SurveySlug, dimension, value, metric);
                    deltas[key] = deltas.GetValueOrDefault(key) + new TallyCounts(count, points);
                }

                Add(Metrics.Respondents, 1);
                if (r.Concerns is not null)
                {
                    Add(Metrics.AnsweredConcerns, 1);
                    foreach (var code in r.Concerns.Distinct()) Add(Metrics.Concern(code), 1);
                }
                if (r.Priorities is not null)
                {
                    // 3, 2, 1 points for the first, second and third priority.
                    var distinct = r.Priorities.Distinct().Take(3).ToList();
                    for (var i = 0; i < distinct.Count; i++)
                    {
                        Add(Metrics.Concern(distinct[i]), 0, 3 - i);
                        Add(Metrics.Prioritised(distinct[i]), 1);
                    }
                }
                if (r.Safety is { } safety)
                {
                    Add(Metrics.AnsweredSafety, 1);
                    Add(Metrics.SafetyPrefix + safety, 1);
                }
                // The survey's own questions are counted survey-wide; their breakdowns are the standard figures above.
                if (dimension == Dimensions.All)
                {
                    foreach (var code in mentioned) Add(Metrics.FreeText(code), 1);
                    foreach (var answer in r.Answers ?? [])
                    {
                        Add(Metrics.QuestionAnswered(answer.Code), 1);
                        if (answer.Type == QuestionTypes.Text) continue;
                        foreach (var given in answer.Values.Distinct()) Add(Metrics.QuestionValue(answer.Code, given), 1);
                    }
                }
            }
        }
        return deltas;
    }

    private static IEnumerable<(string Dimension, string Value)> Cells(SurveyResponseSubmitted r)
    {
        yield return (Dimensions.All, "");
        foreach (var q in StandardQuestions.Breakdowns)
            yield return (q.Dimension!, q.FromMessage(r) is [var value, ..] ? value : "");
        yield return (Dimensions.Channel, r.Channel ?? "");
        if (r.AgeGroup is not null && r.Gender is not null)
            yield return (Dimensions.AgeGroupByGender, Dimensions.AgeGroupByGenderValue(r.AgeGroup, r.Gender));
        // Only the single-choice questions answered: a respondent who skipped one is not in its breakdown's "did not answer"
        // group, since which questions a survey has is not in the message (the group is respondents − the groups shown).
        foreach (var answer in r.Answers ?? [])
            if (answer.Type == QuestionTypes.SingleChoice && answer.Values.Count == 1)
                yield return (Dimensions.Question(answer.Code), answer.Values[0]);
    }
}
