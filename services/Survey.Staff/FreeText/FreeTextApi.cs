using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.FreeText;
using Survey.Staff.Access;
using Survey.Staff.Disclosure;
using Survey.Store;

namespace Survey.Staff.FreeText;

// One scrubbed free-text answer and the concerns the classifier reads in it; nothing else of the
// response (no area, age, gender, channel or time), so a text cannot be linked to a group.
public sealed record FreeTextAnswer(string Text, IReadOnlyList<string> Concerns);

public static class FreeTextApi
{
    // staff: The authenticated /api/v1/staff group (its municipality filter applies here too).
    public static IEndpointRouteBuilder MapFreeText(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/surveys/{slug}/free-text", async Task<Results<Ok<List<FreeTextAnswer>>, ProblemHttpResult>> (
                string slug, ISurveyStore surveys, IResponseStore responses, SurveyFigures figures, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is not { } survey)
                    return TypedResults.Problem($"There is no survey '{slug}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
                if (!survey.FreeTextForAnalysts)
                    return TypedResults.Problem(
                        $"The survey '{slug}' does not share free text with analysts; an admin can turn it on with \"freeTextForAnalysts\": true.",
                        statusCode: StatusCodes.Status403Forbidden, title: "The survey does not share free text.");
                // While the respondents are fewer than the floor, their number is hidden, and a list of texts would show it.
                var published = await figures.ReadAsync(survey, withDays: false, ct);
                if (published.Respondents is null) return TypedResults.Ok(new List<FreeTextAnswer>());
                // Labels only for concerns whose count of mentions the gate shows: counting the labels of a list must not give a
                // hidden count ("nämnt i fritext" of 1 to the floor − 1), nor one of a concern the survey does not publish at all.
                var labelled = published.Concerns.Where(c => c.MentionedInFreeText is not null).Select(c => c.Code).ToHashSet();
                var texts = await responses.ReadFreeTextsAsync(slug, ct);
                // In the order of the texts themselves, so the list says nothing about who answered when.
                return TypedResults.Ok(texts.Order(StringComparer.Ordinal)
                    .Select(t => new FreeTextAnswer(t, ConcernClassifier.Classify(t).Where(labelled.Contains).ToList())).ToList());
            })
            .WithTags("Ranking")
            .RequireAuthorization(StaffPolicies.Analyst)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetFreeText")
            .WithSummary("The survey's scrubbed free-text answers, when the survey shares them (analysts)")
            .WithDescription("Only when the survey has freeTextForAnalysts: true (otherwise 403). Each answer's free text, scrubbed of " +
                "personal data at intake, with the concern codes the classifier reads in it (only concerns whose count of mentions the ranking shows, so the labels never add up to a hidden count), sorted by text and with no other attribute " +
                "of the response. Empty while the survey's respondents are fewer than its minimum cell size.");
        return staff;
    }
}
