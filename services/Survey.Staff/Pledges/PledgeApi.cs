using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Pledges;
using Survey.Staff.Access;
using Survey.Store;

namespace Survey.Staff.Pledges;

// The medborgarlöfte signed after a survey, and its progress over the pledge period: what the public results page
// tells residents ("ni sa – vi gjorde").
public static class PledgeApi
{
    // staff: The authenticated /api/v1/staff group (the municipality filter applies).
    public static IEndpointRouteBuilder MapPledges(this IEndpointRouteBuilder staff)
    {
        var pledge = staff.MapGroup("/surveys/{slug}/pledge").WithTags(PledgeOpenApi.Tag).RequireAuthorization(StaffPolicies.Analyst);

        pledge.MapGet("/", async Task<Results<Ok<PledgeRecord>, NotFound, ProblemHttpResult>> (
                string slug, ISurveyStore surveys, IPledgeStore pledges, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is null) return TypedResults.NotFound();
                return await pledges.FindAsync(slug, ct) is { } record
                    ? TypedResults.Ok(record)
                    : TypedResults.Problem($"Record it with PUT /api/v1/staff/surveys/{slug}/pledge.",
                        statusCode: StatusCodes.Status404NotFound, title: "No pledge is recorded for this survey yet.");
            })
            .WithName("GetPledge")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The pledge recorded for a survey: focus areas and why, activities, signing, and every progress update");

        pledge.MapPut("/", async Task<Results<Ok<PledgeRecord>, ValidationProblem, NotFound>> (
                string slug, PledgeRequest request, ISurveyStore surveys, IPledgeStore pledges, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
                var (validated, errors) = PledgeRules.Validate(request, survey);
                var existing = await pledges.FindAsync(slug, ct);
                // An update that counts an activity keeps meaning something only while the activity is in the pledge.
                var reported = existing?.Progress.Select(p => p.Activity).OfType<string>().Distinct().ToList() ?? [];
                if (validated is not null && reported.Where(code => validated.Activities.All(a => a.Code != code)).ToList() is { Count: > 0 } dropped)
                    errors.Add("activities", $"Progress has been reported on {string.Join(", ", dropped)}: keep those activities (their text can change).");
                if (!errors.IsEmpty || validated is null)
                    return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The pledge has invalid fields.");
                await pledges.SaveAsync(slug, validated, ct);
                return TypedResults.Ok(new PledgeRecord(validated, existing?.Progress ?? []));
            })
            .WithName("RecordPledge")
            .WithSummary("Record the pledge for a survey (analyst): 1–5 focus areas from the survey's concerns with why, the activities " +
                "(optionally countable: a target and a unit), when it was signed and by whom (roles); replaces an earlier version")
            .ProducesValidationProblem();

        pledge.MapPost("/progress", async Task<Results<Created<PledgeRecord>, ValidationProblem, NotFound, ProblemHttpResult>> (
                string slug, ProgressRequest request, ISurveyStore surveys, IPledgeStore pledges, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
                if (await pledges.FindAsync(slug, ct) is not { } record)
                    return TypedResults.Problem($"Record the pledge first (PUT /api/v1/staff/surveys/{slug}/pledge).",
                        statusCode: StatusCodes.Status409Conflict, title: "No pledge is recorded for this survey.");
                var (progress, errors) = PledgeRules.Validate(request, survey, record.Pledge);
                if (!errors.IsEmpty || progress is null)
                    return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The progress update has invalid fields.");
                await pledges.AddProgressAsync(slug, progress, ct);
                return TypedResults.Created($"/api/v1/staff/surveys/{slug}/pledge", record with { Progress = [.. record.Progress, progress] });
            })
            .WithName("AddPledgeProgress")
            .WithSummary("Report progress on the pledge (analyst): a date within the pledge period, a text, and optionally an activity " +
                "and how many of it are done so far")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return staff;
    }

    // internalApi: The /internal/v1 group, open to Intake's service key only.
    public static IEndpointRouteBuilder MapResultsForIntake(this IEndpointRouteBuilder internalApi)
    {
        internalApi.MapGet("/surveys/{slug}/results", async Task<Results<Ok<PublicResults>, NotFound>> (
                string slug, PublicResultsReader reader, CancellationToken ct) =>
                await reader.ReadAsync(slug, ct) is { } results ? TypedResults.Ok(results) : TypedResults.NotFound())
            .WithSummary("What the public results page may show of a survey, for Intake");
        return internalApi;
    }
}
