using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Disclosure;
using Survey.Domain.Municipalities;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.Staff.Access;
using Survey.Staff.Disclosure;
using Survey.Store;

namespace Survey.Staff.Ranking;

public sealed record MunicipalityRef(string Code, string Name);

/// <summary>A ranked concern as staff see it: a figure the disclosure gate hides is null; Suppressed: its count is hidden.</summary>
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

/// <summary>The ranking split by one question; null marks a figure the disclosure gate hides.</summary>
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
    /// <summary>Present when the survey has a population table: the weights used and the effective sample size.</summary>
    public WeightingView? Weighting { get; init; }

    /// <summary>The proposed focus areas with a Swedish rationale citing the figures, and a draft medborgarlöfte.</summary>
    public Proposal? Proposal { get; init; }

    /// <summary>Every breakdown: only in the JSON export (format=json).</summary>
    public IReadOnlyList<Breakdown>? Breakdowns { get; init; }

    // The survey's own questions with their results: only in the JSON export.
    public IReadOnlyList<QuestionResultView>? Questions { get; init; }
}

public sealed record StratumView(IReadOnlyList<string> AgeGroups, IReadOnlyList<string> Genders, long Population, double PopulationShare,
    long Respondents, double Weight);

/// <summary>How the weighted shares were made.</summary>
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

public static class RankingApi
{
    public static IEndpointRouteBuilder MapRanking(this IEndpointRouteBuilder app)
    {
        app.MapGet("/surveys/{slug}/ranking", async Task<Results<Ok<RankingResponse>, FileContentHttpResult, NotFound, ValidationProblem>> (
                string slug, string? by, string? format, string? dialect,
                ISurveyStore surveys, SurveyFigures figures, TimeProvider clock, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (format is not (null or "json" or "csv" or "xlsx"))
                    errors["format"] = [$"'{format}' is not an export format; use csv, xlsx or json (or leave it out for the API's JSON)."];
                if (dialect is not (null or "excel-sv" or "rfc4180"))
                    errors["dialect"] = [$"'{dialect}' is not a CSV dialect; use rfc4180 (comma, decimal point) or leave it out for Swedish Excel."];
                else if (dialect is not null && format != "csv")
                    errors["dialect"] = ["A dialect applies to format=csv only."];
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
                if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
                var dimension = by is null ? null : Dimensions.Named(survey, by);
                if (by is not null && dimension is null)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["by"] = [$"'{by}' is not a breakdown of this survey; use one of {string.Join(", ", Dimensions.For(survey).Select(Dimensions.ByName))}."],
                    });

                var published = await figures.ReadAsync(survey, withDays: false, ct);
                var ranking = Build(published, format is "json" or "xlsx" ? null : dimension, clock);
                var name = $"rangordning-{slug}{(by is null || format != "csv" ? "" : "-" + by)}-{ranking.GeneratedAt:yyyy-MM-dd}";
                switch (format)
                {
                    case "csv":
                        var about = ReportTables.About(ranking, survey);
                        var table = ranking.Breakdown is { } b ? ReportTables.Breakdown(ranking, b) : ReportTables.Ranking(ranking);
                        return TypedResults.File(CsvExport.Write(dialect == "rfc4180" ? CsvDialect.Rfc4180 : CsvDialect.Swedish, about, table),
                            "text/csv; charset=utf-8", name + ".csv");
                    case "xlsx":
                        return TypedResults.File(XlsxExport.Write(
                            [
                                ReportTables.About(ranking, survey), ReportTables.Ranking(ranking), ReportTables.Proposal(ranking),
                                .. AllBreakdowns(published).Select(x => ReportTables.Breakdown(ranking, x)),
                                .. ReportTables.Weights(ranking) is { } weights ? [weights] : Array.Empty<ReportTable>(),
                                .. published.Questions.Count > 0 ? [ReportTables.Questions(QuestionsApi.Views(published))] : Array.Empty<ReportTable>(),
                            ]),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
                    case "json":
                        var export = ranking with { Breakdowns = AllBreakdowns(published), Questions = QuestionsApi.Views(published) };
                        return TypedResults.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(export, ExportJson), "application/json", name + ".json");
                    default:
                        return TypedResults.Ok(ranking);
                }
            })
            .Produces<RankingResponse>(StatusCodes.Status200OK, "application/json", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithTags("Ranking")
            .RequireAuthorization(StaffPolicies.Analyst)
            .WithName("GetRanking")
            .WithSummary("Ranked concerns with 95 % Wilson intervals, the trend since the previous survey, and the proposed focus areas")
            .WithDescription("format=csv (Swedish Excel: UTF-8 with BOM, semicolons, decimal comma; dialect=rfc4180 for comma and point) exports the ranking, " +
                "or with by= that breakdown (by= also takes the code of one of the survey's own single-choice questions); format=xlsx exports " +
                "a workbook with the ranking, the proposal, a sheet per breakdown and the survey's own questions; format=json exports the ranking " +
                "with every breakdown and question. Every figure has passed the disclosure gate (suppressionRule states the rule; a hidden " +
                "figure is null). Every export states the survey, municipality, period, respondents, time and the rule.");
        return app;
    }

    private static readonly System.Text.Json.JsonSerializerOptions ExportJson = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    private static List<Breakdown> AllBreakdowns(PublishedSurvey published) =>
        Dimensions.For(published.Survey).Select(by => BreakdownView(published, by)).ToList();

    /// <summary>The ranking as every view and export shows it, written from the gate's figures only.</summary>
    /// <param name="by">A breakdown dimension (<see cref="Dimensions.Named"/>), or null.</param>
    public static RankingResponse Build(PublishedSurvey published, string? by, TimeProvider clock)
    {
        var survey = published.Survey;
        var result = ConcernRanking.Rank(published);
        var warnings = result.Warnings.Concat(published.Notes).ToList();
        MunicipalityRegistry.TryGet(survey.MunicipalityCode, out var municipality);
        var breakdown = by is null ? null : BreakdownView(published, by);
        var areas = survey.Areas.Count > 0 ? BreakdownView(published, Dimensions.Area) : null;
        var views = result.Concerns.Select(c => new RankedConcernView(
                c.Code, c.Label, c.Figures.Count, c.Figures.Share, c.Figures.CiLow, c.Figures.CiHigh, c.Figures.PriorityPoints, c.Rank,
                c.StatisticallyTiedWith, c.Figures.Trend, c.Figures.Hidden)
            {
                WeightedShare = c.Figures.Weighted?.Share,
                WeightedCiLow = c.Figures.Weighted?.CiLow,
                WeightedCiHigh = c.Figures.Weighted?.CiHigh,
            })
            .ToList();
        var ranking = new RankingResponse(
            survey.Slug,
            new MunicipalityRef(survey.MunicipalityCode, municipality?.Name ?? survey.MunicipalityCode),
            survey.PledgePeriodStart,
            survey.PledgePeriodEnd,
            clock.GetUtcNow(),
            published.Respondents,
            published.Answered,
            DisclosureRule.English(survey),
            views,
            result.FocusAreas,
            warnings,
            published.Previous is { } p
                ? new PreviousSurveyRef(p.Survey.Slug, p.Survey.PledgePeriodStart, p.Survey.PledgePeriodEnd, p.Respondents, p.MethodChange)
                : null,
            breakdown)
        {
            Weighting = published.Weighting is { } w ? WeightingView.From(survey, w) : null,
        };
        return ranking with { Proposal = ProposalText.Write(ranking, areas) };
    }

    private static Breakdown BreakdownView(PublishedSurvey published, string by)
    {
        var survey = published.Survey;
        return new Breakdown(
            Dimensions.ByName(by),
            DisclosureRule.English(survey),
            published.Breakdown(by).Groups.Select(g => new BreakdownGroup(
                g.Value.Length == 0 ? null : g.Value,
                Label(survey, by, g.Value),
                g.Respondents,
                g.Answered,
                survey.Concerns.Select(c => new BreakdownConcern(c, g.Concerns[c].Count, g.Concerns[c].Share, g.Concerns[c].CiLow, g.Concerns[c].CiHigh))
                    .ToList()))
                .ToList());
    }

    /// <summary>How a group reads in Swedish: the area's own name, "16–24 år", "Kvinna", "Direktlänk" for answers without a channel.</summary>
    public static string Label(SurveyDefinition survey, string by, string value) => (by, value) switch
    {
        (Dimensions.Channel, "") => "Direktlänk (ingen kanal)",
        (_, "") => "Ej svar",
        (Dimensions.Area, _) => survey.Areas.FirstOrDefault(a => a.Code == value)?.Label ?? value,
        (Dimensions.AgeGroup, _) => value.Replace('-', '–') + " år",
        (Dimensions.Gender, _) => char.ToUpper(value[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + value[1..],
        _ when survey.Question(Dimensions.ByName(by)) is { } q => q.Options?.FirstOrDefault(o => o.Code == value)?.LabelIn("sv") ?? value,
        _ => value,
    };
}
