using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Disclosure;
using Survey.Domain.Ranking;
using Survey.Domain.Tallying;
using Survey.Staff.Access;
using Survey.Staff.Dialogues;
using Survey.Staff.Disclosure;
using Survey.Store;

namespace Survey.Staff.Ranking;

public static class RankingApi
{
    public static IEndpointRouteBuilder MapRanking(this IEndpointRouteBuilder app)
    {
        app.MapGet("/surveys/{slug}/ranking", async Task<Results<Ok<RankingResponse>, FileContentHttpResult, NotFound, ValidationProblem, ProblemHttpResult>> (
                string slug, string? by, string? format, string? dialect, ClaimsPrincipal user,
                string? weightSurvey, string? weightDialogues, string? weightFreeText, string? weightCrimeStatistics,
                SurveyReports reports, TimeProvider clock, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (format is not (null or "json" or "csv" or "xlsx"))
                    errors["format"] = [$"'{format}' is not an export format; use csv, xlsx or json (or leave it out for the API's JSON)."];
                if (dialect is not (null or "excel-sv" or "rfc4180"))
                    errors["dialect"] = [$"'{dialect}' is not a CSV dialect; use rfc4180 (comma, decimal point) or leave it out for Swedish Excel."];
                else if (dialect is not null && format != "csv")
                    errors["dialect"] = ["A dialect applies to format=csv only."];
                var weights = FusionWeights.From(weightSurvey, weightDialogues, weightFreeText, weightCrimeStatistics, errors);
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
                if (await reports.ReadAsync(slug, withDays: false, ct) is not (var survey, var published, var evidence)) return TypedResults.NotFound();
                if (!user.CanSee(survey.MunicipalityCode)) return (ProblemHttpResult)StaffAccess.Forbidden(survey.MunicipalityCode);
                var dimension = by is null ? null : Dimensions.Named(survey, by);
                if (by is not null && dimension is null)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["by"] = [$"'{by}' is not a breakdown of this survey; use one of {string.Join(", ", Dimensions.For(survey).Select(Dimensions.ByName))}."],
                    });

                var ranking = RankingReportBuilder.Build(published, format is "json" or "xlsx" ? null : dimension, clock, evidence, weights);
                return format is null ? TypedResults.Ok(ranking) : RankingExports.File(published, ranking, format, dialect, by);
            })
            .Produces<RankingResponse>(StatusCodes.Status200OK, "application/json", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithTags("Ranking")
            .RequireAuthorization(StaffPolicies.Analyst)
            .WithName("GetRanking")
            .WithMetadata(new StaffAccess.ChecksMunicipalityOfWhatItServes())
            .WithSummary("Ranked concerns with 95 % Wilson intervals, the trend since the previous survey, and the proposed focus areas")
            .WithDescription("format=csv (Swedish Excel: UTF-8 with BOM, semicolons, decimal comma; dialect=rfc4180 for comma and point) exports the ranking, " +
                "or with by= that breakdown (by= also takes the code of one of the survey's own single-choice questions); format=xlsx exports " +
                "a workbook with the ranking, the proposal, a sheet per breakdown and the survey's own questions; format=json exports the ranking " +
                "with every breakdown and question. Every figure has passed the disclosure gate (suppressionRule states the rule; a hidden " +
                "figure is null). Every export states the survey, municipality, period, respondents, time and the rule. " +
                "The proposal weighs the survey, dialogues, free text and crime statistics: evidence states the weights used and each source's part " +
                "per concern; weightSurvey, weightDialogues, weightFreeText and weightCrimeStatistics (0–100) replace the default weights " +
                "(0.6, 0.25, 0, 0.15) for this request.");
        return app;
    }
}
