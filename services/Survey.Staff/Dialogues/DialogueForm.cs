using System.Globalization;
using Microsoft.AspNetCore.Http;
using Survey.Contracts;
using Survey.Domain.Surveys;

namespace Survey.Staff.Dialogues;

// The staff page's form as typed: text, so that what someone wrote comes back to them as they wrote it when
// something is wrong. Read into a DialogueRequest, it is validated like the API's JSON.
public sealed record DialogueForm
{
    public string? DialogueId { get; init; }
    public string? Type { get; init; }
    public string? Date { get; init; }
    public string? Area { get; init; }
    public string? Place { get; init; }
    public string? Lat { get; init; }
    public string? Lon { get; init; }
    public string? Participants { get; init; }
    public IReadOnlyDictionary<string, string> Concerns { get; init; } = new Dictionary<string, string>();
    public string? Notes { get; init; }

    public const string ConcernPrefix = "concern-";

    public static DialogueForm Empty(TimeProvider clock) =>
        new() { Type = DialogueTypes.Citizen, Date = DialogueValidation.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    public static DialogueForm From(DialogueRecorded d) => new()
    {
        DialogueId = d.DialogueId.ToString(),
        Type = d.Type,
        Date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Area = d.Area,
        Place = d.Place,
        Lat = d.Location?.Lat.ToString(CultureInfo.InvariantCulture),
        Lon = d.Location?.Lon.ToString(CultureInfo.InvariantCulture),
        Participants = d.Participants.ToString(CultureInfo.InvariantCulture),
        Concerns = d.Concerns.ToDictionary(c => c.Key, c => c.Value.ToString(CultureInfo.InvariantCulture)),
        Notes = d.Notes,
    };

    public static DialogueForm Read(IFormCollection form, SurveyDefinition survey) => new()
    {
        DialogueId = Value(form, "dialogueId"),
        Type = Value(form, "type"),
        Date = Value(form, "date"),
        Area = Value(form, "area"),
        Place = Value(form, "place"),
        Lat = Value(form, "lat"),
        Lon = Value(form, "lon"),
        Participants = Value(form, "participants"),
        Concerns = survey.Concerns.Where(c => Value(form, ConcernPrefix + c) is not null).ToDictionary(c => c, c => Value(form, ConcernPrefix + c)!),
        Notes = form["notes"].ToString() is { Length: > 0 } notes ? notes : null,
    };

    private static string? Value(IFormCollection form, string name) => form[name].ToString().Trim() is { Length: > 0 } v ? v : null;

    // The request, and the fields that are not numbers (or not an id) at all, by their JSON names.
    public (DialogueRequest Request, List<string> Unreadable) ToRequest()
    {
        var unreadable = new List<string>();
        int? Integer(string? text, string field)
        {
            if (text is null) return null;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            unreadable.Add(field);
            return null;
        }
        double? Degrees(string? text, string field)
        {
            if (text is null) return null;
            // A Swedish keyboard writes a decimal comma.
            if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) return x;
            unreadable.Add(field);
            return null;
        }
        Guid? id = null;
        if (DialogueId is not null)
        {
            if (Guid.TryParse(DialogueId, out var parsed)) id = parsed;
            else unreadable.Add("dialogueId");
        }
        var concerns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, text) in Concerns)
            if (Integer(text, "concerns." + code) is { } n) concerns[code] = n;
        var lat = Degrees(Lat, "location.lat");
        var lon = Degrees(Lon, "location.lon");
        return (new DialogueRequest
        {
            DialogueId = id,
            Type = Type,
            Date = Date,
            Area = Area,
            Place = Place,
            Location = Lat is null && Lon is null ? null : new DialogueLocationRequest(lat, lon),
            Participants = Integer(Participants, "participants"),
            Concerns = concerns,
            Notes = Notes,
        }, unreadable);
    }

    // What the page says beside a field that is wrong (the API's messages are English and name JSON fields).
    public static string Swedish(string field) => field switch
    {
        "type" => "Välj vilken sorts möte det var.",
        "date" => "Skriv dagen som år-månad-dag, till exempel 2027-03-14. Den kan inte ligga i framtiden.",
        "area" => "Välj ett av enkätens områden, eller inget område.",
        "place" => $"Platsen får vara högst {DialogueValidation.MaxPlaceLength} tecken, på en rad.",
        "location.lat" => "Latitud är ett tal mellan −90 och 90, till exempel 65,8536. Fyll i både latitud och longitud, eller ingen av dem.",
        "location.lon" => "Longitud är ett tal mellan −180 och 180, till exempel 23,1424. Fyll i både latitud och longitud, eller ingen av dem.",
        "participants" => $"Skriv hur många som deltog, ett heltal från 1 till {DialogueValidation.MaxParticipants}.",
        "notes" => $"Anteckningarna får vara högst {DialogueValidation.MaxNotesLength} tecken.",
        "dialogueId" => "Dialogen att rätta hör inte till den här enkäten. Ladda om sidan och försök igen.",
        _ when field.StartsWith("concerns.", StringComparison.Ordinal) =>
            "Skriv ett heltal från 0 och högst lika många som deltog.",
        _ => "Kontrollera fältet.",
    };

    // The id of a field's input on the page.
    public static string InputId(string field) => field switch
    {
        "location.lat" => "lat",
        "location.lon" => "lon",
        "type" or "dialogueId" => "type-" + DialogueTypes.Citizen,
        _ when field.StartsWith("concerns.", StringComparison.Ordinal) => ConcernPrefix + field["concerns.".Length..],
        _ => field,
    };
}
