using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Municipalities;
using Survey.Domain.Ranking;
using Survey.Domain.Tallying;
using Survey.Ranking.Access;
using Survey.Store;

namespace Survey.Ranking.Ranking;

public sealed record MunicipalityRef(string Code, string Name);

public sealed record RankingResponse(
    string Survey,
    MunicipalityRef Municipality,
    DateOnly PledgePeriodStart,
    DateOnly PledgePeriodEnd,
    DateTimeOffset GeneratedAt,
    long Respondents,
    long AnsweredConcerns,
    IReadOnlyList<RankedConcern> Concerns,
    IReadOnlyList<FocusArea> FocusAreas,
    IReadOnlyList<string> Warnings);

public static class RankingApi
{
    public static IEndpointRouteBuilder MapRanking(this IEndpointRouteBuilder app)
    {
        app.MapGet("/surveys/{slug}/ranking", async Task<Results<Ok<RankingResponse>, NotFound>> (
                string slug, ISurveyStore surveys, IResponseStore responses, TimeProvider clock, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
                var rows = await responses.ReadTalliesAsync(slug, Dimensions.All, ct);
                var tallies = rows.ToDictionary(r => r.Metric, r => new TallyCounts(r.Count, r.PriorityPoints));
                var result = ConcernRanking.Rank(survey, tallies);
                MunicipalityRegistry.TryGet(survey.MunicipalityCode, out var municipality);
                return TypedResults.Ok(new RankingResponse(
                    survey.Slug,
                    new MunicipalityRef(survey.MunicipalityCode, municipality?.Name ?? survey.MunicipalityCode),
                    survey.PledgePeriodStart,
                    survey.PledgePeriodEnd,
                    clock.GetUtcNow(),
                    result.Respondents,
                    result.AnsweredConcerns,
                    result.Concerns,
                    result.FocusAreas,
                    result.Warnings));
            })
            .WithTags("Ranking")
            .RequireAuthorization(StaffPolicies.Analyst)
            .WithSummary("Ranked concerns with 95 % Wilson intervals and the proposed focus areas");
        return app;
    }
}
