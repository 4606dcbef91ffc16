using Survey.Domain.Questions;
using Survey.Domain.Ranking;
using Survey.Domain.Tallying;

namespace Survey.Domain.Disclosure;

// What was counted for one of the survey's own questions: how many answered it and how many gave each value.
public sealed record QuestionCounts(long Answered, IReadOnlyDictionary<string, long> Values);

// A question's results as they may be shown; null is a figure the gate hides.
public sealed record PublishedQuestion(
    LocalQuestion Question, long? Answered, IReadOnlyList<PublishedQuestionValue> Values, PublishedMean? Mean);

public sealed record PublishedQuestionValue(string Value, long? Count, double? Share, double? CiLow, double? CiHigh);

// The mean of a scale's steps 1–5 ("vet inte" left out), with its 95 % interval.
public sealed record PublishedMean(double Mean, double CiLow, double CiHigh, long Answers);

internal static class QuestionGate
{
    // The same rule as every figure: counts of 1 to floor − 1 hidden, and with them what would give them away. A
    // single-choice question's counts are its breakdown's groups, so the two views hide the same cells.
    public static List<PublishedQuestion> Apply(SurveyCounts counts, IReadOnlyDictionary<string, PublishedBreakdown> breakdowns, long? respondents, int minimum)
    {
        var published = new List<PublishedQuestion>();
        foreach (var q in counts.Survey.Questions ?? [])
        {
            var raw = counts.Questions.GetValueOrDefault(q.Code) ?? new QuestionCounts(0, new Dictionary<string, long>());
            long? answered = respondents is not null && DisclosureRule.MayShow(raw.Answered, minimum) ? raw.Answered : null;
            switch (q.Type)
            {
                case QuestionTypes.SingleChoice:
                {
                    var groups = breakdowns[Dimensions.Question(q.Code)].Groups;
                    var skipped = groups.FirstOrDefault(g => g.Value.Length == 0);
                    // Those who answered are everyone less those who did not: shown only when both are.
                    answered = respondents is { } all && (skipped is null || skipped.Respondents is not null)
                        && DisclosureRule.MayShow(raw.Answered, minimum)
                        ? all - (skipped?.Respondents ?? 0) : null;
                    var values = q.Values.Select(v =>
                    {
                        var group = groups.FirstOrDefault(g => g.Value == v);
                        long? count = group is null ? (respondents is null ? null : 0) : group.Respondents;
                        return Value(v, count, answered);
                    }).ToList();
                    published.Add(new PublishedQuestion(q, answered, values, null));
                    break;
                }
                case QuestionTypes.MultipleChoice:
                    published.Add(new PublishedQuestion(q, answered, q.Values.Select(v =>
                    {
                        var c = raw.Values.GetValueOrDefault(v);
                        return Value(v, answered is not null && DisclosureRule.MayShow(c, minimum) ? c : null, answered);
                    }).ToList(), null));
                    break;
                case QuestionTypes.Scale:
                {
                    var steps = q.Values;
                    var column = steps.Select(v => raw.Values.GetValueOrDefault(v)).ToArray();
                    var hidden = answered is null
                        ? steps.Select(_ => true).ToArray()
                        : BreakdownSuppression.HideColumn(column, minimum, inherited: null).Hidden;
                    var values = steps.Select((v, i) => Value(v, hidden[i] ? null : column[i], answered)).ToList();
                    // The mean is a weighted sum of the steps: with any step hidden it would pin the hidden ones.
                    var mean = hidden.Take(5).Any(h => h) ? null : Mean(column.Take(5).ToArray());
                    published.Add(new PublishedQuestion(q, answered, values, mean));
                    break;
                }
                default:
                    published.Add(new PublishedQuestion(q, answered, [], null));
                    break;
            }
        }
        return published;
    }

    // A single-choice question's breakdown: those who answered the question are the respondents less the group that did
    // not. When they are 1 to floor − 1, that group is hidden too, or the two would give the question's hidden count away.
    public static bool[]? SkippedHidden(string dimension, IReadOnlyList<GroupCounts> groups, int minimum)
    {
        if (!dimension.StartsWith(Dimensions.QuestionPrefix, StringComparison.Ordinal)) return null;
        var answered = groups.Where(g => g.Value.Length > 0).Sum(g => g.Respondents);
        return DisclosureRule.MayShow(answered, minimum) ? null : groups.Select(g => g.Value.Length == 0).ToArray();
    }

    private static PublishedQuestionValue Value(string value, long? count, long? answered)
    {
        if (count is not { } c || answered is not { } n || n == 0) return new PublishedQuestionValue(value, count, null, null, null);
        var ci = WilsonInterval.Compute(c, n);
        return new PublishedQuestionValue(value, c, (double)c / n, ci.Low, ci.High);
    }

    // Steps 1..5 with their counts: the mean and a normal-approximation 95 % interval (t would differ little at n ≥ floor).
    private static PublishedMean? Mean(long[] countsByStep)
    {
        var n = countsByStep.Sum();
        if (n == 0) return null;
        var mean = countsByStep.Select((c, i) => c * (i + 1.0)).Sum() / n;
        if (n == 1) return new PublishedMean(mean, 1, 5, n);
        var variance = countsByStep.Select((c, i) => c * Math.Pow(i + 1 - mean, 2)).Sum() / (n - 1);
        var half = WilsonInterval.Z95 * Math.Sqrt(variance / n);
        return new PublishedMean(mean, Math.Max(1, mean - half), Math.Min(5, mean + half), n);
    }
}
