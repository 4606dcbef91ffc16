using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Municipalities;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.Ranking.Access;
using Survey.Store;

namespace Survey.Ranking.Ranking;

public sealed record MunicipalityRef(string Code, string Name);

/// <summary>A ranked concern as staff see it: figures from fewer respondents than the survey's floor are null and Suppressed is set.</summary>
public sealed record RankedConcernView(
    string Code, string Label, long? Count, double? Share, double? CiLow, double? CiHigh, long? PriorityPoints, int Rank,
    IReadOnlyList<string> StatisticallyTiedWith, ShareChange? Trend, bool Suppressed)
{
    /// <summary>The share post-stratified to the population (null without a population table, or when suppressed).</summary>
    public double? WeightedShare { get; init; }
    public double? WeightedCiLow { get; init; }
    public double? WeightedCiHigh { get; init; }
}

public sealed record BreakdownConcern(string Code, long? Count, double? Share, double? CiLow, double? CiHigh);

public sealed record BreakdownGroup(string? Value, string Label, long? Respondents, long? Answered, IReadOnlyList<BreakdownConcern> Concerns);

/// <summary>The ranking split by one question; null marks a figure hidden by small-cell suppression.</summary>
public sealed record Breakdown(string By, string SuppressionRule, IReadOnlyList<BreakdownGroup> Groups);

public sealed record PreviousSurveyRef(string Slug, DateOnly PledgePeriodStart, DateOnly PledgePeriodEnd, long Respondents);

public sealed record RankingResponse(
    string Survey,
    MunicipalityRef Municipality,
    DateOnly PledgePeriodStart,
    DateOnly PledgePeriodEnd,
    DateTimeOffset GeneratedAt,
    long Respondents,
    long AnsweredConcerns,
    string SuppressionRule,
    IReadOnlyList<RankedConcernView> Concerns,
    IReadOnlyList<FocusArea> FocusAreas,
    IReadOnlyList<string> Warnings,
    PreviousSurveyRef? PreviousSurvey,
    Breakdown? Breakdown)
{
    /// <summary>Present when the survey has a population table: the weights used and the effective sample size.</summary>
    public WeightingView? Weighting { get; init; }

    /// <summary>The proposed focus areas with a Swedish rationale citing the figures, and a draft medborgarlöfte.</summary>
    public Proposal? Proposal { get; init; }

    /// <summary>Every breakdown: only in the JSON export (format=json).</summary>
    public IReadOnlyList<Breakdown>? Breakdowns { get; init; }
}

public sealed record StratumView(IReadOnlyList<string> AgeGroups, IReadOnlyList<string> Genders, long Population, double PopulationShare,
    long? Respondents, double? Weight);

/// <summary>How the weighted shares were made.</summary>
public sealed record WeightingView(
    string Method, string? PopulationSource, IReadOnlyList<StratumView> Strata, long? AnsweredOutsideTable, double EffectiveSampleSize,
    IReadOnlyList<string> Notes)
{
    public static WeightingView From(SurveyDefinition survey, WeightingResult w) => new(
        "Post-stratification by age group × gender: each answer in a group weighs (the group's share of the population) ÷ " +
        "(its share of the answers inside the table); answers outside the table weigh 1. Groups with fewer answers than the " +
        "minimum cell size are merged first. Intervals are Wilson intervals over Kish's effective sample size.",
        survey.PopulationSource,
        w.Strata.Select(s => new StratumView(s.AgeGroups, s.Genders, s.Population, s.PopulationShare, s.Respondents, s.Weight)).ToList(),
        w.AnsweredOutsideTable,
        w.EffectiveSampleSize,
        w.Notes);
}

public static class RankingApi
{
    public static IEndpointRouteBuilder MapRanking(this IEndpointRouteBuilder app)
    {
        app.MapGet("/surveys/{slug}/ranking", async Task<Results<Ok<RankingResponse>, FileContentHttpResult, NotFound, ValidationProblem>> (
                string slug, string? by, string? format, string? dialect,
                ISurveyStore surveys, IResponseStore responses, TimeProvider clock, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (by is not null && !Dimensions.Breakdowns.Contains(by))
                    errors["by"] = [$"'{by}' is not a breakdown; use one of {string.Join(", ", Dimensions.Breakdowns)}."];
                if (format is not (null or "json" or "csv" or "xlsx"))
                    errors["format"] = [$"'{format}' is not an export format; use csv, xlsx or json (or leave it out for the API's JSON)."];
                if (dialect is not (null or "excel-sv" or "rfc4180"))
                    errors["dialect"] = [$"'{dialect}' is not a CSV dialect; use rfc4180 (comma, decimal point) or leave it out for Swedish Excel."];
                else if (dialect is not null && format != "csv")
                    errors["dialect"] = ["A dialect applies to format=csv only."];
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
                if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();

                var ranking = await BuildAsync(survey, format is "json" or "xlsx" ? null : by, surveys, responses, clock, ct);
                var name = $"rangordning-{slug}{(by is null || format != "csv" ? "" : "-" + by)}-{ranking.GeneratedAt:yyyy-MM-dd}";
                switch (format)
                {
                    case "csv":
                        var about = ReportTables.About(ranking, survey);
                        var table = ranking.Breakdown is { } b ? ReportTables.Breakdown(ranking, b) : ReportTables.Ranking(ranking);
                        return TypedResults.File(CsvExport.Write(dialect == "rfc4180" ? CsvDialect.Rfc4180 : CsvDialect.Swedish, about, table),
                            "text/csv; charset=utf-8", name + ".csv");
                    case "xlsx":
                        var breakdowns = await AllBreakdownsAsync(survey, responses, ct);
                        return TypedResults.File(XlsxExport.Write(
                            [
                                ReportTables.About(ranking, survey), ReportTables.Ranking(ranking), ReportTables.Proposal(ranking),
                                .. breakdowns.Select(x => ReportTables.Breakdown(ranking, x)),
                                .. ReportTables.Weights(ranking) is { } weights ? [weights] : Array.Empty<ReportTable>(),
                            ]),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
                    case "json":
                        var export = ranking with { Breakdowns = await AllBreakdownsAsync(survey, responses, ct) };
                        return TypedResults.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(export, ExportJson), "application/json", name + ".json");
                    default:
                        return TypedResults.Ok(ranking);
                }
            })
            .Produces<RankingResponse>(StatusCodes.Status200OK, "application/json", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithTags("Ranking")
            .RequireAuthorization(StaffPolicies.Analyst)
            .WithSummary("Ranked concerns with 95 % Wilson intervals, the trend since the previous survey, and the proposed focus areas")
            .WithDescription("format=csv (Swedish Excel: UTF-8 with BOM, semicolons, decimal comma; dialect=rfc4180 for comma and point) exports the ranking, " +
                "or with by= that breakdown; format=xlsx exports a workbook with the ranking, the proposal and a sheet per breakdown; format=json " +
                "exports the ranking with every breakdown. Every export states the survey, municipality, period, respondents, time and suppression rule.");
        return app;
    }

    private static readonly System.Text.Json.JsonSerializerOptions ExportJson = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    private static async Task<List<Breakdown>> AllBreakdownsAsync(SurveyDefinition survey, IResponseStore responses, CancellationToken ct)
    {
        var all = new List<Breakdown>();
        foreach (var by in Dimensions.Breakdowns) all.Add(await BreakdownAsync(survey, by, responses, ct));
        return all;
    }

    /// <summary>The ranking as every view and export shows it: suppressed, weighted when weights are set, with the trend.</summary>
    public static async Task<RankingResponse> BuildAsync(
        SurveyDefinition survey, string? by, ISurveyStore surveys, IResponseStore responses, TimeProvider clock, CancellationToken ct)
    {
        var tallies = await ReadAllAsync(responses, survey.Slug, ct);
        var weighting = await WeightAsync(survey, tallies, responses, ct);
        var result = ConcernRanking.Rank(survey, tallies, weighting?.Shares);

        // Trend: against the same municipality's survey whose pledge period started last before this one's.
        var previous = (await surveys.ListAsync(ct))
            .Where(s => s.MunicipalityCode == survey.MunicipalityCode && s.PledgePeriodStart < survey.PledgePeriodStart)
            .MaxBy(s => s.PledgePeriodStart);
        PreviousSurveyRef? previousRef = null;
        var concerns = result.Concerns;
        if (previous is not null)
        {
            var before = await ReadAllAsync(responses, previous.Slug, ct);
            var beforeAnswered = before.GetValueOrDefault(Metrics.AnsweredConcerns).Count;
            previousRef = new PreviousSurveyRef(previous.Slug, previous.PledgePeriodStart, previous.PledgePeriodEnd,
                before.GetValueOrDefault(Metrics.Respondents).Count);
            concerns = concerns.Select(c => previous.Concerns.Contains(c.Code) && beforeAnswered > 0 && result.AnsweredConcerns > 0
                ? c with
                {
                    Trend = ShareChanges.Compare(before.GetValueOrDefault(Metrics.Concern(c.Code)).Count, beforeAnswered,
                        c.Count, result.AnsweredConcerns),
                }
                : c).ToList();
        }
        var warnings = result.Warnings.ToList();
        if (survey.Population is not null && weighting is null)
            warnings.Add($"Det finns en befolkningstabell, men för få svar med ålder och kön (färre än {survey.MinimumCellSize}) för att vikta: andelarna är ovägda.");
        MunicipalityRegistry.TryGet(survey.MunicipalityCode, out var municipality);
        var breakdown = by is null ? null : await BreakdownAsync(survey, by, responses, ct);
        var areas = by == Dimensions.Area ? breakdown : survey.Areas.Count > 0 ? await BreakdownAsync(survey, Dimensions.Area, responses, ct) : null;
        var views = Suppress(survey, concerns);
        var ranking = new RankingResponse(
            survey.Slug,
            new MunicipalityRef(survey.MunicipalityCode, municipality?.Name ?? survey.MunicipalityCode),
            survey.PledgePeriodStart,
            survey.PledgePeriodEnd,
            clock.GetUtcNow(),
            result.Respondents,
            result.AnsweredConcerns,
            SuppressionRule(survey),
            views,
            // Ranks as the views number them (hidden concerns no longer leave gaps).
            result.FocusAreas.Select(f => f with { Rank = views.Single(v => v.Code == f.Code).Rank }).ToList(),
            warnings,
            previousRef,
            breakdown)
        {
            Weighting = weighting is null ? null : WeightingView.From(survey, weighting),
        };
        return ranking with { Proposal = ProposalText.Write(ranking, areas) };
    }

    private static async Task<WeightingResult?> WeightAsync(
        SurveyDefinition survey, Dictionary<string, TallyCounts> tallies, IResponseStore responses, CancellationToken ct)
    {
        if (survey.Population is null) return null;
        var cells = (await responses.ReadTalliesAsync(survey.Slug, Dimensions.AgeGroupByGender, ct))
            .GroupBy(r => r.Value)
            .Select(g =>
            {
                var parts = g.Key.Split('|', 2);
                var metrics = g.ToDictionary(r => r.Metric, r => r.Count);
                return new CellCounts(parts[0], parts.ElementAtOrDefault(1) ?? "", metrics.GetValueOrDefault(Metrics.AnsweredConcerns),
                    survey.Concerns.ToDictionary(c => c, c => metrics.GetValueOrDefault(Metrics.Concern(c))));
            })
            .ToList();
        return Weighting.Compute(survey, cells, tallies.GetValueOrDefault(Metrics.AnsweredConcerns).Count,
            survey.Concerns.ToDictionary(c => c, c => tallies.GetValueOrDefault(Metrics.Concern(c)).Count));
    }

    private static async Task<Breakdown> BreakdownAsync(SurveyDefinition survey, string by, IResponseStore responses, CancellationToken ct)
    {
        var rows = await responses.ReadTalliesAsync(survey.Slug, by, ct);
        var groups = rows.GroupBy(r => r.Value)
            .Select(g =>
            {
                var metrics = g.ToDictionary(r => r.Metric, r => r.Count);
                return new GroupCounts(g.Key, metrics.GetValueOrDefault(Metrics.Respondents), metrics.GetValueOrDefault(Metrics.AnsweredConcerns),
                    survey.Concerns.ToDictionary(c => c, c => metrics.GetValueOrDefault(Metrics.Concern(c))));
            })
            .OrderBy(g => g.Value.Length == 0).ThenBy(g => g.Value, StringComparer.Ordinal)
            .ToList();
        var shown = Suppression.Apply(groups, survey.Concerns, survey.MinimumCellSize, survey.MinimumCellSizeByConcern);
        return new Breakdown(
            by,
            SuppressionRule(survey) + " In a breakdown at least one more figure in the same column is hidden too, so that no hidden figure can be worked out from the totals.",
            shown.Select(g => new BreakdownGroup(
                g.Value.Length == 0 ? null : g.Value,
                Label(survey, by, g.Value),
                g.Respondents,
                g.Answered,
                survey.Concerns.Select(c =>
                {
                    if (g.Counts[c] is not { } count || g.Answered is not { } answered) return new BreakdownConcern(c, null, null, null, null);
                    var interval = WilsonInterval.Compute(count, answered);
                    return new BreakdownConcern(c, count, answered == 0 ? 0 : (double)count / answered, interval.Low, interval.High);
                }).ToList())).ToList());
    }

    private static bool IsSmall(SurveyDefinition survey, RankedConcern c) => c.Count > 0 && c.Count < survey.FloorFor(c.Code);

    /// <summary>
    /// Survey-wide figures under the floor are hidden; the hidden ones are left out of the others' ties and of the proposal.
    /// Their order among themselves would tell which of them is larger, so they share one rank, in code order,
    /// after the shown concerns with answers and before those nobody named.
    /// </summary>
    private static List<RankedConcernView> Suppress(SurveyDefinition survey, IReadOnlyList<RankedConcern> concerns)
    {
        var hidden = concerns.Where(c => IsSmall(survey, c)).Select(c => c.Code).ToHashSet();
        var ordered = concerns.Where(c => !hidden.Contains(c.Code) && c.Count > 0)
            .Concat(concerns.Where(c => hidden.Contains(c.Code)).OrderBy(c => c.Code, StringComparer.Ordinal))
            .Concat(concerns.Where(c => !hidden.Contains(c.Code) && c.Count == 0))
            .ToList();
        var views = new List<RankedConcernView>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var c = ordered[i];
            var previous = i > 0 ? ordered[i - 1] : null;
            var shareRank = previous is not null && (hidden.Contains(c.Code) ? hidden.Contains(previous.Code) : previous.Rank == c.Rank && !hidden.Contains(previous.Code));
            var rank = shareRank ? views[i - 1].Rank : i + 1;
            views.Add(hidden.Contains(c.Code)
                ? new RankedConcernView(c.Code, c.Label, null, null, null, null, null, rank, [], null, true)
                : new RankedConcernView(c.Code, c.Label, c.Count, c.Share, c.CiLow, c.CiHigh,
                    // Points below the floor come from fewer people than the floor.
                    c.PriorityPoints > 0 && c.PriorityPoints < survey.FloorFor(c.Code) ? null : c.PriorityPoints,
                    rank, c.StatisticallyTiedWith.Where(t => !hidden.Contains(t)).ToList(), c.Trend, false)
                {
                    WeightedShare = c.Weighted?.Share,
                    WeightedCiLow = c.Weighted?.CiLow,
                    WeightedCiHigh = c.Weighted?.CiHigh,
                });
        }
        return views;
    }

    private static string SuppressionRule(SurveyDefinition survey) =>
        (survey.MinimumCellSize <= 1
            ? "The minimum cell size is 1: no figure is hidden"
            : $"Figures built from fewer than {survey.MinimumCellSize} respondents (but more than none) are hidden (null)") +
        (survey.MinimumCellSizeByConcern is { Count: > 0 } floors
            ? " (" + string.Join(", ", floors.Select(f => $"{f.Key}: fewer than {Math.Max(f.Value, survey.MinimumCellSize)}")) + ")."
            : ".");

    /// <summary>How a group reads in Swedish: the area's own name, "16–24 år", "Kvinna", "Direktlänk" for answers without a channel.</summary>
    private static string Label(SurveyDefinition survey, string by, string value) => (by, value) switch
    {
        (Dimensions.Channel, "") => "Direktlänk (ingen kanal)",
        (_, "") => "Ej svar",
        (Dimensions.Area, _) => survey.Areas.FirstOrDefault(a => a.Code == value)?.Label ?? value,
        (Dimensions.AgeGroup, _) => value.Replace('-', '–') + " år",
        (Dimensions.Gender, _) => char.ToUpper(value[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + value[1..],
        _ => value,
    };

    private static async Task<Dictionary<string, TallyCounts>> ReadAllAsync(IResponseStore responses, string slug, CancellationToken ct) =>
        (await responses.ReadTalliesAsync(slug, Dimensions.All, ct)).ToDictionary(r => r.Metric, r => new TallyCounts(r.Count, r.PriorityPoints));
}
