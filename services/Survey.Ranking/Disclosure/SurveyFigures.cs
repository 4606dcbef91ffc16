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
public sealed class SurveyFigures(ISurveyStore surveys, IResponseStore responses)
{
    public async Task<PublishedSurvey> ReadAsync(SurveyDefinition survey, bool withDays, CancellationToken ct)
    {
        var total = Totals(await responses.ReadTalliesAsync(survey.Slug, Dimensions.All, ct));
        var breakdowns = new Dictionary<string, IReadOnlyList<GroupCounts>>();
        foreach (var by in Dimensions.Breakdowns)
            breakdowns[by] = Groups(survey, await responses.ReadTalliesAsync(survey.Slug, by, ct));

        var cells = survey.Population is null ? [] : (await responses.ReadTalliesAsync(survey.Slug, Dimensions.AgeGroupByGender, ct))
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
            .ToList();

        // Trend: against the same municipality's survey whose pledge period started last before this one's.
        var previous = (await surveys.ListAsync(ct))
            .Where(s => s.MunicipalityCode == survey.MunicipalityCode && s.PledgePeriodStart < survey.PledgePeriodStart)
            .MaxBy(s => s.PledgePeriodStart);

        return DisclosureGate.Apply(new SurveyCounts
        {
            Survey = survey,
            Total = total,
            Breakdowns = breakdowns,
            AgeByGender = cells,
            Previous = previous is null ? null : new PreviousCounts(previous, Totals(await responses.ReadTalliesAsync(previous.Slug, Dimensions.All, ct))),
            Days = withDays ? await responses.ReadResponsesPerDayAsync(survey.Slug, ct) : null,
        });
    }

    private static TotalCounts Totals(IReadOnlyList<TallyRow> rows)
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
