using Survey.Domain.Disclosure;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.Store;

namespace Survey.Staff.Disclosure;

// The only way the staff module reads what was counted: everything about a survey, straight through
// the disclosure gate. Endpoints, pages and exports get a PublishedSurvey and never the
// tallies, so a figure added later passes the gate too (a test checks that nothing else reads them).
public sealed class SurveyFigures(ISurveyStore surveys, IResponseStore responses, PublishedSurveyCache cache)
{
    public async Task<PublishedSurvey> ReadAsync(SurveyDefinition survey, bool withDays, CancellationToken ct)
    {
        string[] dimensions = [Dimensions.All, .. Dimensions.For(survey), .. survey.Population is null ? [] : new[] { Dimensions.AgeGroupByGender }];
        var tallies = await responses.ReadTalliesAsync(survey.Slug, dimensions, ct);

        // Trend: against the same municipality's survey whose pledge period started last before this one's.
        var previous = await surveys.FindPreviousAsync(survey, ct);
        var previousCounts = previous is null ? null : Previous(previous, (await responses.ReadTalliesAsync(previous.Slug, [Dimensions.All], ct))[Dimensions.All]);

        // Tallies change only when an answer is counted, and every answer counts one more respondent: the respondents
        // of both surveys, with both definitions, say whether the gate would decide anything differently.
        var total = Totals(tallies[Dimensions.All]);
        var version = string.Join('\n', PublishedSurveyCache.Version(survey), total.Respondents,
            previous is null ? "" : PublishedSurveyCache.Version(previous), previousCounts?.Total.Respondents);
        return await cache.GetOrAddAsync(withDays ? survey.Slug + "\ndays" : survey.Slug, version, async () => DisclosureGate.Apply(Counts(survey, tallies,
            previousCounts,
            withDays ? await responses.ReadResponsesPerDayAsync(survey.Slug, ct) : null)));
    }

    // The tallies of a survey (rows per dimension, as the store keeps them) as the gate takes them.
    public static SurveyCounts Counts(
        SurveyDefinition survey, IReadOnlyDictionary<string, IReadOnlyList<TallyRow>> tallies, PreviousCounts? previous, IReadOnlyList<DayCount>? days)
    {
        IReadOnlyList<TallyRow> Rows(string dimension) => tallies.GetValueOrDefault(dimension) ?? [];
        var total = Totals(Rows(Dimensions.All));
        return new SurveyCounts
        {
            Survey = survey,
            Total = total,
            Breakdowns = Dimensions.For(survey).ToDictionary(by => by, by => (IReadOnlyList<GroupCounts>)Groups(survey, Rows(by), total)),
            Questions = Questions(survey, Rows(Dimensions.All)),
            AgeByGender = survey.Population is null ? [] : Rows(Dimensions.AgeGroupByGender)
                .GroupBy(r => r.Value)
                .Select(g =>
                {
                    var parts = g.Key.Split('|', 2);
                    var metrics = g.ToDictionary(r => r.Metric, r => r.Count);
                    return new CellCounts(parts[0], parts.ElementAtOrDefault(1) ?? "", metrics.GetValueOrDefault(Metrics.AnsweredConcerns),
                        survey.Concerns.ToDictionary(c => c, c => metrics.GetValueOrDefault(Metrics.Concern(c))))
                    {
                        Respondents = metrics.GetValueOrDefault(Metrics.Respondents),
                    };
                })
                .ToList(),
            Previous = previous,
            Days = days,
        };
    }

    // The previous survey's survey-wide tallies, as the gate compares them: the concerns' totals and its own questions.
    public static PreviousCounts Previous(SurveyDefinition survey, IReadOnlyList<TallyRow> rows) =>
        new(survey, Totals(rows)) { Questions = Questions(survey, rows) };

    public static TotalCounts Totals(IReadOnlyList<TallyRow> rows)
    {
        var metrics = rows.ToDictionary(r => r.Metric);
        long Count(string metric) => metrics.GetValueOrDefault(metric)?.Count ?? 0;
        var codes = rows.Where(r => r.Metric.StartsWith(Metrics.ConcernPrefix, StringComparison.Ordinal))
            .Select(r => r.Metric[Metrics.ConcernPrefix.Length..]);
        return new TotalCounts(Count(Metrics.Respondents), Count(Metrics.AnsweredConcerns), codes.ToDictionary(c => c, c => new ConcernTotal(
            Count(Metrics.Concern(c)), metrics.GetValueOrDefault(Metrics.Concern(c))?.PriorityPoints ?? 0, Count(Metrics.Prioritised(c)))))
        {
            MentionedInFreeText = rows.Where(r => r.Metric.StartsWith(Metrics.FreeTextPrefix, StringComparison.Ordinal))
                .ToDictionary(r => r.Metric[Metrics.FreeTextPrefix.Length..], r => r.Count),
        };
    }

    private static List<GroupCounts> Groups(SurveyDefinition survey, IReadOnlyList<TallyRow> rows, TotalCounts total)
    {
        var groups = rows
            .GroupBy(r => r.Value)
            .Select(g =>
            {
                var metrics = g.ToDictionary(r => r.Metric, r => r.Count);
                return new GroupCounts(g.Key, metrics.GetValueOrDefault(Metrics.Respondents), metrics.GetValueOrDefault(Metrics.AnsweredConcerns),
                    survey.Concerns.ToDictionary(c => c, c => metrics.GetValueOrDefault(Metrics.Concern(c))));
            })
            .ToList();
        // A question's breakdown counts those who answered it; those who did not are the survey less them (every standard
        // breakdown tallies its own "did not answer"), so every breakdown partitions the same respondents.
        if (groups.All(g => g.Value.Length > 0) && total.Respondents - groups.Sum(g => g.Respondents) is > 0 and var skipped)
            groups.Add(new GroupCounts("", skipped, total.Answered - groups.Sum(g => g.Answered),
                survey.Concerns.ToDictionary(c => c, c => total.Concern(c).Count - groups.Sum(g => g.Counts[c]))));
        return groups.OrderBy(g => g.Value.Length == 0).ThenBy(g => g.Value, StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, QuestionCounts> Questions(SurveyDefinition survey, IReadOnlyList<TallyRow> rows)
    {
        var metrics = rows.Where(r => r.Metric.StartsWith(Metrics.QuestionPrefix, StringComparison.Ordinal)).ToDictionary(r => r.Metric, r => r.Count);
        return (survey.Questions ?? []).ToDictionary(q => q.Code, q => new QuestionCounts(
            metrics.GetValueOrDefault(Metrics.QuestionAnswered(q.Code)),
            q.Values.ToDictionary(v => v, v => metrics.GetValueOrDefault(Metrics.QuestionValue(q.Code, v)))));
    }
}
