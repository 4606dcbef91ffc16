using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Surveys;
using Survey.Staff.Access;
using Survey.Store;

namespace Survey.Staff.Invitations;

public sealed record InvitationRequest(int? Count);

public sealed record InvitationBatch(string Survey, IReadOnlyList<string> Codes);

public sealed record RedeemRequest(string? Code);

public sealed record RedeemResult(InvitationState State);

// Single-use codes for sampled surveys: staff make them; Intake spends (and, on failure, releases) them.
public static class InvitationsApi
{
    public const int MaxBatch = 10_000;

    // staff: The authenticated /api/v1/staff group.
    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder staff)
    {
        staff.MapPost("/surveys/{slug}/invitations", async Task<Results<Created<InvitationBatch>, NotFound, ValidationProblem>> (
                string slug, InvitationRequest request, ISurveyStore surveys, IInvitationStore invitations, CancellationToken ct) =>
            {
                if (request.Count is not (>= 1 and <= MaxBatch))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"Between 1 and {MaxBatch}."] });
                if (await surveys.FindAsync(slug, ct) is null) return TypedResults.NotFound();
                var codes = Enumerable.Range(0, request.Count.Value).Select(_ => InvitationCode.New()).Distinct().ToList();
                await invitations.AddInvitationsAsync(slug, codes.Select(InvitationCode.Hash).ToList(), ct);
                // The codes are shown this once; only their hashes are kept.
                return TypedResults.Created($"/api/v1/staff/surveys/{slug}/invitations", new InvitationBatch(slug, codes));
            })
            .WithTags("Invitations")
            .WithName("CreateInvitations")
            .WithSummary("Make single-use invitation codes for a sampled survey (admin; shown once, only hashes are stored)")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesValidationProblem();
        return staff;
    }

    // For Intake: spend and give back codes.
    // internalApi: The /internal/v1 group, open to Intake's service key only: nobody else may release a spent code.
    public static IEndpointRouteBuilder MapInvitationsForIntake(this IEndpointRouteBuilder internalApi)
    {
        var codes = internalApi.MapGroup("/surveys/{slug}/invitations");
        codes.MapPost("/redeem", async (string slug, RedeemRequest request, IInvitationStore invitations, CancellationToken ct) =>
            TypedResults.Ok(new RedeemResult(string.IsNullOrWhiteSpace(request.Code)
                ? InvitationState.Unknown
                : await invitations.RedeemAsync(slug, InvitationCode.Hash(request.Code), ct))))
            .WithSummary("Spend an invitation code, for Intake");
        codes.MapPost("/release", async (string slug, RedeemRequest request, IInvitationStore invitations, CancellationToken ct) =>
        {
            if (!string.IsNullOrWhiteSpace(request.Code)) await invitations.ReleaseAsync(slug, InvitationCode.Hash(request.Code), ct);
            return TypedResults.NoContent();
        })
        .WithSummary("Make a spent invitation code usable again, for Intake");
        return internalApi;
    }
}
