using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Surveys;
using Survey.Store;

namespace Survey.Ranking.Surveys;

public static class SurveyApi
{
    public static IEndpointRouteBuilder MapSurveyAdministration(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/staff/surveys").WithTags("Surveys");

        staff.MapGet("/", async (ISurveyStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("All surveys");

        staff.MapPost("/", async Task<Results<Created<SurveyDefinition>, ValidationProblem, ProblemHttpResult>> (
            SurveyRequest request, ISurveyStore store, CancellationToken ct) =>
        {
            var (survey, errors) = request.ToDefinition(request.Slug ?? "");
            if (!errors.IsEmpty || survey is null)
                return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The survey has invalid fields.");
            if (!await store.CreateAsync(survey, ct))
                return TypedResults.Problem(
                    $"The slug '{survey.Slug}' is taken; choose another or PUT to /api/v1/staff/surveys/{survey.Slug}.",
                    statusCode: StatusCodes.Status409Conflict, title: "A survey with that slug exists.");
            return TypedResults.Created($"/api/v1/staff/surveys/{survey.Slug}", survey);
        })
        .WithSummary("Create a survey")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        staff.MapGet("/{slug}", async Task<Results<Ok<SurveyDefinition>, NotFound>> (string slug, ISurveyStore store, CancellationToken ct) =>
            await store.FindAsync(slug, ct) is { } survey ? TypedResults.Ok(survey) : TypedResults.NotFound())
            .WithSummary("One survey");

        staff.MapPut("/{slug}", async Task<Results<Ok<SurveyDefinition>, ValidationProblem, NotFound>> (
            string slug, SurveyRequest request, ISurveyStore store, CancellationToken ct) =>
        {
            var (survey, errors) = request.ToDefinition(slug);
            if (request.Slug is not null && request.Slug != slug)
                errors.Add("slug", $"A survey's slug cannot change (the path says '{slug}').");
            if (!errors.IsEmpty || survey is null)
                return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The survey has invalid fields.");
            return await store.UpdateAsync(survey, ct) ? TypedResults.Ok(survey) : TypedResults.NotFound();
        })
        .WithSummary("Edit a survey");

        // Read by Intake (service to service); survey definitions are what the public questionnaire shows anyway.
        app.MapGet("/internal/v1/surveys/{slug}", async Task<Results<Ok<SurveyDefinition>, NotFound>> (
            string slug, ISurveyStore store, CancellationToken ct) =>
            await store.FindAsync(slug, ct) is { } survey ? TypedResults.Ok(survey) : TypedResults.NotFound())
            .WithTags("Internal")
            .WithSummary("A survey definition, for Intake");
        return app;
    }
}
