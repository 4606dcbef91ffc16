using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Questions;
using Survey.Domain.Surveys;
using Survey.Staff.Access;
using Survey.Store;

namespace Survey.Staff.Surveys;

public static class SurveyApi
{
    // staff: The authenticated /api/v1/staff group.
    public static IEndpointRouteBuilder MapSurveyAdministration(this IEndpointRouteBuilder staff)
    {
        var surveys = staff.MapGroup("/surveys").WithTags("Surveys");

        surveys.MapGet("/", async (ClaimsPrincipal user, ISurveyStore store, CancellationToken ct) =>
                TypedResults.Ok((await store.ListAsync(ct)).Where(s => user.CanSee(s.MunicipalityCode)).ToList()))
            .WithName("ListSurveys")
            .WithSummary("The surveys of the municipalities you are granted");

        surveys.MapPost("/", async Task<Results<Created<SurveyDefinition>, ValidationProblem, ProblemHttpResult>> (
            SurveyRequest request, ClaimsPrincipal user, ISurveyStore store, CancellationToken ct) =>
        {
            var (survey, errors) = request.ToDefinition(request.Slug ?? "");
            if (!errors.IsEmpty || survey is null)
                return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The survey has invalid fields.");
            if (!user.CanSee(survey.MunicipalityCode))
                return TypedResults.Problem($"Your access does not include municipality {survey.MunicipalityCode}.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Not granted.");
            if (!await store.CreateAsync(survey, ct))
                return TypedResults.Problem(
                    $"The slug '{survey.Slug}' is taken; choose another or PUT to /api/v1/staff/surveys/{survey.Slug}.",
                    statusCode: StatusCodes.Status409Conflict, title: "A survey with that slug exists.");
            return TypedResults.Created($"/api/v1/staff/surveys/{survey.Slug}", survey);
        })
        .WithName("CreateSurvey")
        .WithSummary("Create a survey (admin)")
        .RequireAuthorization(StaffPolicies.Admin)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        surveys.MapGet("/{slug}", async Task<Results<Ok<SurveyDefinition>, NotFound>> (string slug, ISurveyStore store, CancellationToken ct) =>
            await store.FindAsync(slug, ct) is { } survey ? TypedResults.Ok(survey) : TypedResults.NotFound())
            .WithName("GetSurvey")
            .WithSummary("One survey");

        surveys.MapPut("/{slug}", async Task<Results<Ok<SurveyDefinition>, ValidationProblem, NotFound, ProblemHttpResult>> (
            string slug, SurveyRequest request, ClaimsPrincipal user, ISurveyStore store, IResponseStore responses, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (survey, errors) = request.ToDefinition(slug);
            if (request.Slug is not null && request.Slug != slug)
                errors.Add("slug", $"A survey's slug cannot change (the path says '{slug}').");
            if (!errors.IsEmpty || survey is null)
                return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The survey has invalid fields.");
            if (!user.CanSee(survey.MunicipalityCode))
                return TypedResults.Problem($"Your access does not include municipality {survey.MunicipalityCode}.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Not granted.");
            // The population table has its own endpoint; editing the survey keeps it.
            if (await store.FindAsync(slug, ct) is not { } existing) return TypedResults.NotFound();
            var corrections = existing.WordingCorrections ?? [];
            if (await responses.HasResponsesAsync(slug, ct))
            {
                // Lowering a floor once answers are in would show, at the next read, the small counts the old floor hid.
                if (LoweredFloors(existing, survey) is { Count: > 0 } lowered)
                    return TypedResults.Problem(
                        $"Answers have arrived, so the minimum cell size can only be raised, never lowered: {string.Join("; ", lowered)}.",
                        statusCode: StatusCodes.Status409Conflict, title: "The survey's floors cannot be lowered.");
                // Answers to a question mean what it asked when they were given: its options and type are frozen, and its
                // wording can only be corrected (a typo), which is recorded.
                var (conflicts, corrected) = LocalQuestions.CompareAfterAnswers(existing, survey, clock.GetUtcNow());
                if (conflicts.Count > 0)
                    return TypedResults.Problem(
                        $"Answers have arrived, so the survey's own questions are frozen: {string.Join("; ", conflicts)}. A typo in the wording " +
                        "can be corrected (a few characters). To ask something else, create a new survey (POST /api/v1/staff/surveys) with a new slug.",
                        statusCode: StatusCodes.Status409Conflict, title: "The survey's questions cannot change once answered.");
                corrections = [.. corrections, .. corrected];
            }
            survey = survey with
            {
                Population = existing.Population,
                PopulationSource = existing.PopulationSource,
                WordingCorrections = corrections.Count > 0 ? corrections : null,
            };
            return await store.UpdateAsync(survey, ct) ? TypedResults.Ok(survey) : TypedResults.NotFound();
        })
        .WithName("UpdateSurvey")
        .WithSummary("Edit a survey (admin); once answers have arrived, its minimum cell sizes can only be raised and its own questions only have typos corrected (409)")
        .ProducesProblem(StatusCodes.Status409Conflict)
        .RequireAuthorization(StaffPolicies.Admin);
        return staff;
    }

    // Each floor (survey-wide or a concern's) the edit would lower, described.
    private static List<string> LoweredFloors(SurveyDefinition before, SurveyDefinition after)
    {
        var lowered = new List<string>();
        if (after.MinimumCellSize < before.MinimumCellSize)
            lowered.Add($"minimumCellSize from {before.MinimumCellSize} to {after.MinimumCellSize}");
        foreach (var concern in before.Concerns.Where(after.Concerns.Contains))
            if (after.FloorFor(concern) < before.FloorFor(concern))
                lowered.Add($"{concern} from {before.FloorFor(concern)} to {after.FloorFor(concern)}");
        return lowered;
    }

    // Read by Intake: the whole definition, population table included, so for Intake only.
    // internalApi: The /internal/v1 group, open to Intake's service key only.
    public static IEndpointRouteBuilder MapSurveyDefinitionsForIntake(this IEndpointRouteBuilder internalApi)
    {
        internalApi.MapGet("/surveys/{slug}", async Task<Results<Ok<SurveyDefinition>, NotFound>> (
            string slug, ISurveyStore store, CancellationToken ct) =>
            await store.FindAsync(slug, ct) is { } survey ? TypedResults.Ok(survey) : TypedResults.NotFound())
            .WithSummary("A survey definition, for Intake");
        return internalApi;
    }
}
