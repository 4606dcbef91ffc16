using System.Text.Json;
using System.Text.Json.Serialization;

namespace Survey.Domain.Pledges;

// A text staff write for residents: Swedish, and optionally the same in the survey's other languages. Written in a
// request either as a plain string (Swedish) or as {"sv": …, "en": …}; stored and answered as the object.
[JsonConverter(typeof(LocalTextConverter))]
public sealed record LocalText(IReadOnlyDictionary<string, string> ByLanguage)
{
    public string Swedish => ByLanguage.GetValueOrDefault("sv") ?? "";

    // The text in a language, or null when it has not been written in that language (the page then shows Swedish, marked lang="sv").
    public string? In(string language) => ByLanguage.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}

public sealed class LocalTextConverter : JsonConverter<LocalText>
{
    public override LocalText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new LocalText(new Dictionary<string, string>(StringComparer.Ordinal) { ["sv"] = reader.GetString()! });
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A text is a string or an object of texts by language.");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var language = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("Each language's text is a string.");
            texts[language] = reader.GetString()!;
        }
        return new LocalText(texts);
    }

    public override void Write(Utf8JsonWriter writer, LocalText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, text) in value.ByLanguage) writer.WriteString(language, text);
        writer.WriteEndObject();
    }
}

// A medborgarlöfte as signed for one survey's pledge period: the focus areas chosen and why, the activities promised,
// when and by whom (roles, not names) it was signed. Stored as JSON: add members, never rename.
public sealed record Pledge
{
    public required IReadOnlyList<PledgeFocusArea> FocusAreas { get; init; }
    public required IReadOnlyList<PledgeActivity> Activities { get; init; }
    public DateOnly? SignedOn { get; init; }
    public LocalText? SignedBy { get; init; }
}

public sealed record PledgeFocusArea(string Concern, LocalText Why);

// A promised activity ("minst två trygghetsvandringar per år"): its code names it in progress updates; Target and Unit
// make it countable ("2" "trygghetsvandringar per år"); FocusArea ties it to one of the pledge's concerns.
public sealed record PledgeActivity
{
    public required string Code { get; init; }
    public required LocalText Text { get; init; }
    public int? Target { get; init; }
    public LocalText? Unit { get; init; }
    public string? FocusArea { get; init; }
}

// What was done by a date: a text, and for an activity how many are done so far.
public sealed record PledgeProgress
{
    public required DateOnly Date { get; init; }
    public required LocalText Text { get; init; }
    public string? Activity { get; init; }
    public int? Done { get; init; }
}

// A pledge with its progress updates, in the order they happened.
public sealed record PledgeRecord(Pledge Pledge, IReadOnlyList<PledgeProgress> Progress);
