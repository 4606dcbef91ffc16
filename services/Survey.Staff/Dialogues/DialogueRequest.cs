using System.Globalization;
using Survey.Contracts;
using Survey.Domain.Concerns;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;

namespace Survey.Staff.Dialogues;

// A dialogue as staff send it (the API's JSON, or the page's form read into the same shape). Every field is
// nullable so that what is missing is reported by name, beside what is wrong.
public sealed record DialogueRequest
{
    // Leave out for a new dialogue; the id of an earlier one corrects it.
    public Guid? DialogueId { get; init; }
    public string? Type { get; init; }
    // yyyy-MM-dd.
    public string? Date { get; init; }
    public string? Area { get; init; }
    public string? Place { get; init; }
    public DialogueLocationRequest? Location { get; init; }
    public int? Participants { get; init; }
    // Concern code -> how many of the participants raised it.
    public Dictionary<string, int>? Concerns { get; init; }
    public string? Notes { get; init; }
}

public sealed record DialogueLocationRequest(double? Lat, double? Lon);

public static class DialogueTypes
{
    public const string Citizen = "medborgardialog";
    public const string SafetyWalk = "trygghetsvandring";
    public const string Staff = "medarbetardialog";
    public const string Other = "annat";

    public static IReadOnlyList<string> All { get; } = [Citizen, SafetyWalk, Staff, Other];

    public static string Label(string type) => type switch
    {
        Citizen => "Medborgardialog",
        SafetyWalk => "Trygghetsvandring",
        Staff => "Medarbetardialog",
        _ => "Annat möte",
    };
}

public static class DialogueValidation
{
    // More people than any meeting or walk holds: a typo, not a dialogue.
    public const int MaxParticipants = 5000;
    public const int MaxPlaceLength = 200;
    public const int MaxNotesLength = ResponseValidator.MaxFreeTextLength;

    // The earliest date taken: medborgarlöften began in the 2000s; anything earlier is a typo.
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Stockholm).DateTime);

    // The message to publish, or every bad field by its JSON name. Notes are scrubbed of personal data here,
    // before they reach the broker or the store.
    public static (DialogueRecorded? Dialogue, Errors Errors) ToMessage(DialogueRequest request, SurveyDefinition survey, TimeProvider clock)
    {
        var errors = new Errors();
        if (request.Type is null)
            errors.Add("type", $"Required: one of {string.Join(", ", DialogueTypes.All)}.");
        else if (!DialogueTypes.All.Contains(request.Type))
            errors.Add("type", $"'{request.Type}' is not a type of dialogue; use one of {string.Join(", ", DialogueTypes.All)}.");

        DateOnly date = default;
        var today = Today(clock);
        if (string.IsNullOrWhiteSpace(request.Date))
            errors.Add("date", "Required: the day it was held, as yyyy-MM-dd.");
        else if (!DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors.Add("date", $"'{request.Date}' is not a date; write it as yyyy-MM-dd (e.g. 2027-03-14).");
        else if (date < Earliest || date > today.AddDays(1))
            errors.Add("date", $"{request.Date} cannot be the day it was held: the date must be between {Earliest:yyyy-MM-dd} and today.");

        if (request.Area is not null && survey.Areas.All(a => a.Code != request.Area))
            errors.Add("area", survey.Areas.Count == 0
                ? "The survey has no areas; leave area out."
                : $"'{request.Area}' is not one of the survey's areas: {string.Join(", ", survey.Areas.Select(a => a.Code))}.");

        if (request.Place is { Length: > MaxPlaceLength })
            errors.Add("place", $"At most {MaxPlaceLength} characters.");
        else if (TextRules.Problem(request.Place) is { } placeProblem)
            errors.Add("place", placeProblem);

        if (request.Location is { } location)
        {
            if (location.Lat is null != location.Lon is null)
                errors.Add(location.Lat is null ? "location.lat" : "location.lon", "A position needs both lat and lon, or neither.");
            if (location.Lat is < -90 or > 90 || location.Lat is { } lat && !double.IsFinite(lat))
                errors.Add("location.lat", "Latitude is in degrees from -90 to 90 (WGS 84).");
            if (location.Lon is < -180 or > 180 || location.Lon is { } lon && !double.IsFinite(lon))
                errors.Add("location.lon", "Longitude is in degrees from -180 to 180 (WGS 84).");
        }

        if (request.Participants is not { } participants)
            errors.Add("participants", "Required: how many took part (at least 1).");
        else if (participants < 1)
            errors.Add("participants", "At least 1 took part in a dialogue.");
        else if (participants > MaxParticipants)
            errors.Add("participants", $"At most {MaxParticipants}; a larger number is taken to be a typo.");

        foreach (var (code, raised) in request.Concerns ?? [])
        {
            if (!survey.Concerns.Contains(code))
                errors.Add($"concerns.{code}", ConcernTaxonomy.TryGet(code, out _)
                    ? $"'{code}' is not in this survey's concern list: {string.Join(", ", survey.Concerns)}."
                    : $"'{code}' is not a concern code.");
            else if (raised < 0)
                errors.Add($"concerns.{code}", "How many raised it: 0 or more.");
            else if (request.Participants is { } n and >= 1 && raised > n)
                errors.Add($"concerns.{code}", $"{raised} raised it, but only {n} took part.");
        }

        if (request.Notes is { Length: > MaxNotesLength })
            errors.Add("notes", $"At most {MaxNotesLength} characters.");
        else if (TextRules.Problem(request.Notes, lineBreaks: true) is { } notesProblem)
            errors.Add("notes", notesProblem);

        if (!errors.IsEmpty) return (null, errors);
        return (new DialogueRecorded
        {
            DialogueId = request.DialogueId is { } id && id != Guid.Empty ? id : Guid.CreateVersion7(),
            SurveySlug = survey.Slug,
            Type = request.Type!,
            Date = date,
            Area = request.Area,
            // The place is free text too (a walk "hos" someone, a phone number): scrubbed like the notes.
            Place = string.IsNullOrWhiteSpace(request.Place) ? null : FreeTextScrubber.Scrub(request.Place.Trim()),
            Location = request.Location is { Lat: { } la, Lon: { } lo } ? new DialogueLocation { Lat = la, Lon = lo } : null,
            Participants = request.Participants!.Value,
            // A concern nobody raised adds nothing; keeping it out keeps the record what was said.
            Concerns = (request.Concerns ?? []).Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : FreeTextScrubber.Scrub(request.Notes.Trim()),
            RecordedAt = clock.GetUtcNow(),
        }, errors);
    }
}
