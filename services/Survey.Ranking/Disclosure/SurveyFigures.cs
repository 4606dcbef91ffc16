using Survey.Domain.Disclosure;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.Store;

namespace Survey.Ranking.Disclosure;

/// <summary>
/// The only way the staff module reads what was counted: everything about a survey, straight through
/// the disclosure gate. Endpoints, pages and exports get a <see cref="PublishedSurvey"/> and never the
/// tallies, so a figure added later passes the gate too (a test checks that nothing else reads them).
/// </summary>
public sealed class SurveyFigures(ISurveyStore surveys, IResponseStore responses, PublishedSurveyCache cache)
{
    public async Task<PublishedSurvey> ReadAsync(SurveyDefinition survey, bool withDays, CancellationToken ct)
    {
        string[] dimensions = [Dimensions.All, .. Dimensions.Breakdowns, .. survey.Population is null ? [] : new[] { Dimensions.AgeGroupByGender }];
        var tallies = await responses.ReadTalliesAsync(survey.Slug, dimensions, ct);

        // Trend: against the same municipality's survey whose pledge period started last before this one's.
        var previous = (await surveys.ListAsync(ct))
            .Where(s => s.MunicipalityCode == survey.MunicipalityCode && s.PledgePeriodStart < survey.PledgePeriodStart)
            .MaxBy(s => s.PledgePeriodStart);
        var previousTotals = previous is null ? null : Totals((await responses.ReadTalliesAsync(previous.Slug, [Dimensions.All], ct))[Dimensions.All]);

        // Tallies change only when an answer is counted, and every answer counts one more respondent: the respondents
        // of both surveys, with both definitions, say whether the gate would decide anything differently.
        var total = Totals(tallies[Dimensions.All]);
        var version = string.Join('\n', PublishedSurveyCache.Version(survey), total.Respondents,
            previous is null ? "" : PublishedSurveyCache.Version(previous), previousTotals?.Respondents);
        return await cache.GetOrAddAsync(withDays ? survey.Slug + "\ndays" : survey.Slug, version, async () => DisclosureGate.Apply(Counts(survey, tallies,
            previous is null ? null : new PreviousCounts(previous, previousTotals!),
            withDays ? await responses.ReadResponsesPerDayAsync(survey.Slug, ct) : null)));
    }

    /// <summary>The tallies of a survey (rows per dimension, as the store keeps them) as the gate takes them.</summary>
    public static SurveyCounts Counts(
        SurveyDefinition survey, IReadOnlyDictionary<string, IReadOnlyList<TallyRow>> tallies, PreviousCounts? previous, IReadOnlyList<DayCount>? days)
    {
        IReadOnlyList<TallyRow> Rows(string dimension) => tallies.GetValueOrDefault(dimension) ?? [];
        return new SurveyCounts
        {
            Survey = survey,
            Total = Totals(Rows(Dimensions.All)),
            Breakdowns = Dimensions.Breakdowns.ToDictionary(by => by, by => (IReadOnlyList<GroupCounts>)Groups(survey, Rows(by))),
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

    public static TotalCounts Totals(IReadOnlyList<TallyRow> rows)
    {
        var metrics = rows.ToDictionary(r => r.Metric);
        long Count(string metric) => metrics.GetValueOrDefault(metric)?.Count ?? 0;
        var codes = rows.Where(r => r.Metric.StartsWith(Metrics.ConcernPrefix, StringComparison.Ordinal))
            .Select(r => r.Metric[Metrics.ConcernPrefix.Length..]);
        return new TotalCounts(Count(Metrics.Respondents), Count(Metrics.AnsweredConcerns), codes.ToDictionary(c => c, c => new ConcernTotal(
            Count(Metrics.Concern(c)), metrics.GetValueOrDefault(Metrics.Concern(c))?.PriorityPoints ?? 0, Count(Metrics.Prioritised(c)))));
    }

    private static List<GroupCounts> Groups(SurveyDefinition survey, IReadOnlyList<TallyRow> rows) => rows
        .GroupBy(r => r.Value)
        .Select(g =>
        {
            var metrics = g.ToDictionary(r => r.Metric, r => r.Count);
            return new GroupCounts(g.Key, metrics.GetValueOrDefault(Metrics.Respondents), metrics.GetValueOrDefault(Metrics.AnsweredConcerns),
                survey.Concerns.ToDictionary(c => c, c => metrics.GetValueOrDefault(Metrics.Concern(c))));
        })
        .OrderBy(g => g.Value.Length == 0).ThenBy(g => g.Value, StringComparer.Ordinal)
        .ToList();
}
