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

public sealed record PreviousSurveyRef(string Slug, DateOnly PledgePeriodStart, DateOnly PledgePeriodEnd, long Respondents);

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
    IReadOnlyList<string> Warnings,
    PreviousSurveyRef? PreviousSurvey);

public static class RankingApi
{
    public static IEndpointRouteBuilder MapRanking(this IEndpointRouteBuilder app)
    {
        app.MapGet("/surveys/{slug}/ranking", async Task<Results<Ok<RankingResponse>, NotFound>> (
                string slug, ISurveyStore surveys, IResponseStore responses, TimeProvider clock, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
                var tallies = await ReadAllAsync(responses, slug, ct);
                var result = ConcernRanking.Rank(survey, tallies);

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
                MunicipalityRegistry.TryGet(survey.MunicipalityCode, out var municipality);
                return TypedResults.Ok(new RankingResponse(
                    survey.Slug,
                    new MunicipalityRef(survey.MunicipalityCode, municipality?.Name ?? survey.MunicipalityCode),
                    survey.PledgePeriodStart,
                    survey.PledgePeriodEnd,
                    clock.GetUtcNow(),
                    result.Respondents,
                    result.AnsweredConcerns,
                    concerns,
                    result.FocusAreas,
                    result.Warnings,
                    previousRef));
            })
            .WithTags("Ranking")
            .RequireAuthorization(StaffPolicies.Analyst)
            .WithSummary("Ranked concerns with 95 % Wilson intervals, the trend since the previous survey, and the proposed focus areas");
        return app;
    }

    private static async Task<Dictionary<string, TallyCounts>> ReadAllAsync(IResponseStore responses, string slug, CancellationToken ct) =>
        (await responses.ReadTalliesAsync(slug, Dimensions.All, ct)).ToDictionary(r => r.Metric, r => new TallyCounts(r.Count, r.PriorityPoints));
}
