using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Survey.Contracts;
using Survey.Domain.Surveys;
using Survey.Staff.Access;
using Survey.Store;

namespace Survey.Staff.Dialogues;

public sealed record DialogueReceipt(Guid DialogueId);

public sealed record DialogueView(
    Guid DialogueId, string Type, DateOnly Date, string? Area, string? Place, DialogueLocation? Location, int Participants,
    IReadOnlyDictionary<string, int> Concerns, string? Notes, DateTimeOffset RecordedAt)
{
    public static DialogueView From(DialogueRecorded d) =>
        new(d.DialogueId, d.Type, d.Date, d.Area, d.Place, d.Location, d.Participants, d.Concerns, d.Notes, d.RecordedAt);
}

public sealed record DialogueList(string Survey, IReadOnlyList<DialogueView> Dialogues);

// RFC 7946: a FeatureCollection of points, coordinates [longitude, latitude] in WGS 84.
public sealed record GeoJsonFeatureCollection(IReadOnlyList<GeoJsonFeature> Features)
{
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}

public sealed record GeoJsonFeature(GeoJsonPoint Geometry, SafetyWalkProperties Properties)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

public sealed record GeoJsonPoint(IReadOnlyList<double> Coordinates)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Point";
}

public sealed record SafetyWalkProperties(
    Guid DialogueId, DateOnly Date, string? Place, string? Area, int Participants, IReadOnlyDictionary<string, int> Concerns);

public static class DialoguesApi
{
    public const string GeoJsonContentType = "application/geo+json";

    private static readonly JsonSerializerOptions GeoJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static IEndpointRouteBuilder MapDialogues(this IEndpointRouteBuilder staff)
    {
        var dialogues = staff.MapGroup("/surveys/{slug}/dialogues").WithTags("Dialogues");

        dialogues.MapPost("/", async Task<Results<Accepted<DialogueReceipt>, ValidationProblem, NotFound, ProblemHttpResult>> (
                string slug, DialogueRequest request, ISurveyStore surveys, DialogueRecording recording, HttpResponse response,
                IOptions<DialogueOptions> options, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
                var outcome = await recording.RecordAsync(survey, request, ct);
                if (outcome.Errors is { } errors)
                    return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The dialogue has invalid fields.");
                if (outcome.Unavailable)
                {
                    response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return DialogueRecording.Unavailable();
                }
                return TypedResults.Accepted($"/api/v1/staff/surveys/{slug}/dialogues", new DialogueReceipt(outcome.DialogueId!.Value));
            })
            .RequireAuthorization(StaffPolicies.Dialog)
            .WithName("RecordDialogue")
            .WithSummary("Record a citizen dialogue, safety walk, staff dialogue or other meeting (admin, dialog); the id of an earlier one corrects it")
            .WithDescription("type: medborgardialog, trygghetsvandring, medarbetardialog or annat; date: yyyy-MM-dd; area: one of the survey's " +
                "areas; location: {lat, lon} in WGS 84 (both or neither); participants: 1–5000; concerns: the survey's concern codes -> how many " +
                "of the participants raised each; notes: at most 2000 characters, scrubbed of personal data (personnummer, phone numbers, " +
                "e-mail addresses, registration plates, street addresses) before they are stored. Without dialogueId the dialogue gets a new " +
                "one; with the id of an earlier dialogue it replaces that one (its figures count instead of the earlier ones, never beside them). " +
                "Answers 202 once the message broker (or, embedded, the store) has it; 503 with Retry-After when the broker is unreachable, " +
                "and then nothing is stored. Every bad field is named in the 400.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        dialogues.MapGet("/", async Task<Results<Ok<DialogueList>, JsonHttpResult<GeoJsonFeatureCollection>, ValidationProblem, NotFound>> (
                string slug, string? format, ISurveyStore surveys, IDialogueStore store, CancellationToken ct) =>
            {
                if (format is not (null or "json" or "geojson"))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["format"] = [$"'{format}' is not a format here; use geojson (the safety walks with a position) or leave it out."],
                    });
                if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
                var list = await store.ListAsync(survey.Slug, ct);
                if (format == "geojson") return TypedResults.Json(SafetyWalks(list), GeoJson, GeoJsonContentType);
                return TypedResults.Ok(new DialogueList(survey.Slug, list.Select(DialogueView.From).ToList()));
            })
            .RequireAuthorization(StaffPolicies.DialogueReader)
            .WithName("ListDialogues")
            .WithSummary("The survey's dialogues, newest date first (admin, analyst, dialog); format=geojson: the safety walks as GeoJSON")
            .WithDescription("Without format: every dialogue of the survey as recorded (a corrected one in its latest version), newest date " +
                "first. format=geojson: an RFC 7946 FeatureCollection (application/geo+json) of the safety walks (trygghetsvandring) " +
                "that have a position, each a Point with coordinates [longitude, latitude] in WGS 84 and the properties dialogueId, date, " +
                "place, area, participants and concerns, for the municipality's GIS. The notes are not in the GeoJSON.")
            .Produces<DialogueList>(StatusCodes.Status200OK, "application/json")
            .Produces<GeoJsonFeatureCollection>(StatusCodes.Status200OK, GeoJsonContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return staff;
    }

    public static GeoJsonFeatureCollection SafetyWalks(IEnumerable<DialogueRecorded> dialogues) => new(dialogues
        .Where(d => d.Type == DialogueTypes.SafetyWalk && d.Location is not null)
        .Select(d => new GeoJsonFeature(
            new GeoJsonPoint([d.Location!.Lon, d.Location.Lat]),
            new SafetyWalkProperties(d.DialogueId, d.Date, d.Place, d.Area, d.Participants, d.Concerns)))
        .ToList());
}

// Validates, scrubs and publishes one dialogue: the API and the staff page both record through here.
public sealed class DialogueRecording(IDialogueStore store, DialoguePublisher publisher, TimeProvider clock)
{
    public sealed record Outcome(Guid? DialogueId, Errors? Errors, bool Unavailable);

    public async Task<Outcome> RecordAsync(SurveyDefinition survey, DialogueRequest request, CancellationToken ct)
    {
        var (dialogue, errors) = DialogueValidation.ToMessage(request, survey, clock);
        // A correction must stay in its survey: another survey's dialogue cannot be moved here by its id.
        if (request.DialogueId is { } id && await store.FindAsync(id, ct) is { } earlier && earlier.SurveySlug != survey.Slug)
            errors.Add("dialogueId", "This id belongs to a dialogue of another survey; leave dialogueId out to record a new dialogue.");
        if (!errors.IsEmpty || dialogue is null) return new Outcome(null, errors, false);
        try
        {
            await publisher.PublishAsync(dialogue, ct);
        }
        catch (DialogueNotPublishedException)
        {
            return new Outcome(null, null, true);
        }
        return new Outcome(dialogue.DialogueId, null, false);
    }

    public static ProblemHttpResult Unavailable() => TypedResults.Problem(
        detail: "The message broker cannot be reached, so the dialogue was not recorded. Send it again in a moment (with the same dialogueId, if it had one).",
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable.");
}
