using Survey.Domain.Questions;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Domain.Disclosure;

// What was counted for one of the survey's own questions: how many answered it and how many gave each value.
public sealed record QuestionCounts(long Answered, IReadOnlyDictionary<string, long> Values);

// A question's results as they may be shown; null is a figure the gate hides.
public sealed record PublishedQuestion(
    LocalQuestion Question, long? Answered, IReadOnlyList<PublishedQuestionValue> Values, PublishedMean? Mean)
{
    // Against the previous survey (null when there is none): its figures for the same question, or why there are none.
    public PublishedQuestionComparison? Comparison { get; init; }
}

public sealed record PublishedQuestionValue(string Value, long? Count, double? Share, double? CiLow, double? CiHigh)
{
    // The change in share since the previous survey, when both surveys may show the counts under it.
    public ShareChange? Trend { get; init; }

    // The previous survey had this value too, but a count under the change is hidden.
    public bool TrendHidden { get; init; }
}

// The mean of a scale's steps 1–5 ("vet inte" left out), with its 95 % interval.
public sealed record PublishedMean(double Mean, double CiLow, double CiHigh, long Answers);

// The previous survey's figures for a question with the same code. Compared: it had the same type (else Note says why
// not). MethodChange: its wording differed, and Note says how ("metodbyte").
public sealed record PublishedQuestionComparison(
    SurveyDefinition Previous, bool Compared, bool MethodChange, string? Note, long? PreviousAnswered, PublishedMean? PreviousMean);

internal static class QuestionGate
{
    private static readonly QuestionCounts None = new(0, new Dictionary<string, long>());

    // The same rule as every figure: counts of 1 to floor − 1 hidden, and with them what would give them away. A
    // single-choice question's counts are its breakdown's groups, so the two views hide the same cells.
    public static List<PublishedQuestion> Apply(SurveyCounts counts, IReadOnlyDictionary<string, PublishedBreakdown> breakdowns, long? respondents, int minimum) =>
        (counts.Survey.Questions ?? []).Select(q =>
        {
            var published = Publish(q, counts.Questions.GetValueOrDefault(q.Code) ?? None,
                q.Type == QuestionTypes.SingleChoice ? breakdowns[Dimensions.Question(q.Code)].Groups : null, respondents, minimum);
            return counts.Previous is { } previous ? Compare(published, previous, minimum) : published;
        }).ToList();

    private static PublishedQuestion Publish(LocalQuestion q, QuestionCounts raw, IReadOnlyList<PublishedGroup>? groups, long? respondents, int minimum)
    {
        long? answered = respondents is not null && DisclosureRule.MayShow(raw.Answered, minimum) ? raw.Answered : null;
        switch (q.Type)
        {
            case QuestionTypes.SingleChoice:
            {
                var skipped = groups!.FirstOrDefault(g => g.Value.Length == 0);
                // Those who answered are everyone less those who did not: shown only when both are.
                answered = respondents is { } all && (skipped is null || skipped.Respondents is not null)
                    && DisclosureRule.MayShow(raw.Answered, minimum)
                    ? all - (skipped?.Respondents ?? 0) : null;
                var values = q.Values.Select(v =>
                {
                    var group = groups!.FirstOrDefault(g => g.Value == v);
                    long? count = group is null ? (respondents is null ? null : 0) : group.Respondents;
                    return Value(v, count, answered);
                }).ToList();
                return new PublishedQuestion(q, answered, values, null);
            }
            case QuestionTypes.MultipleChoice:
                return new PublishedQuestion(q, answered, q.Values.Select(v =>
                {
                    var c = raw.Values.GetValueOrDefault(v);
                    return Value(v, answered is not null && DisclosureRule.MayShow(c, minimum) ? c : null, answered);
                }).ToList(), null);
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
                return new PublishedQuestion(q, answered, values, mean);
            }
            default:
                return new PublishedQuestion(q, answered, [], null);
        }
    }

    // The previous survey's figures for the same question, gated like the concerns' trend: a previous figure is used
    // only where the previous survey shows it itself, and would show it under this survey's floor too.
    private static PublishedQuestion Compare(PublishedQuestion now, PreviousCounts previous, int minimum)
    {
        var q = now.Question;
        if (previous.Survey.Question(q.Code) is not { } asked)
            return now with { Comparison = new(previous.Survey, false, false, MethodChanges.NotAsked, null, null) };
        if (asked.Type != q.Type)
            return now with { Comparison = new(previous.Survey, false, true, MethodChanges.DifferentType(asked, q), null, null) };

        var floor = Math.Max(1, previous.Survey.MinimumCellSize);
        var own = PublishPrevious(asked, previous, floor);
        var strict = PublishPrevious(asked, previous, Math.Max(floor, minimum));
        long? answered = own.Answered is { } n && strict.Answered is not null && n > 0 ? n : null;
        var then = own.Values.Zip(strict.Values, (a, b) => (a.Value, Count: b.Count is null ? null : a.Count)).ToDictionary(v => v.Value, v => v.Count);
        var values = now.Values.Select(v =>
        {
            if (!then.TryGetValue(v.Value, out var count)) return v;
            return count is { } c && answered is { } before && v.Count is { } x && now.Answered is { } after && after > 0
                ? v with { Trend = ShareChanges.Compare(c, before, x, after) }
                : v with { TrendHidden = true };
        }).ToList();
        var note = MethodChanges.Question(asked, q);
        return now with
        {
            Values = values,
            Comparison = new(previous.Survey, true, note is not null, note, answered, strict.Mean is null ? null : own.Mean),
        };
    }

    // What the previous survey publishes of its question under a floor, from its survey-wide counts alone: for a single
    // choice, its breakdown's respondents column is rebuilt as SurveyFigures builds it (the options answered, in code
    // order, then those who did not answer) and hidden as its breakdown hides it.
    private static PublishedQuestion PublishPrevious(LocalQuestion q, PreviousCounts previous, int floor)
    {
        var raw = previous.Questions.GetValueOrDefault(q.Code) ?? None;
        var everyone = previous.Total.Respondents;
        long? respondents = DisclosureRule.MayShow(everyone, floor) ? everyone : null;
        IReadOnlyList<PublishedGroup>? groups = null;
        if (q.Type == QuestionTypes.SingleChoice)
        {
            var empty = new Dictionary<string, long>();
            var column = q.Values.Where(v => raw.Values.GetValueOrDefault(v) > 0).Order(StringComparer.Ordinal)
                .Select(v => new GroupCounts(v, raw.Values[v], 0, empty)).ToList();
            if (everyone - raw.Answered is > 0 and var skipped) column.Add(new GroupCounts("", skipped, 0, empty));
            groups = BreakdownSuppression.Apply(column, [], floor, hide: SkippedHidden(Dimensions.Question(q.Code), column, floor))
                .Select(g => new PublishedGroup(g.Value, g.Respondents, g.Answered, new Dictionary<string, PublishedShare>())).ToList();
        }
        return Publish(q, raw, groups, respondents, floor);
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
