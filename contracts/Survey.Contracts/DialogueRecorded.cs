namespace Survey.Contracts;

// A citizen dialogue, safety walk, staff dialogue or other meeting that staff recorded for a survey.
// The namespace and type name are the wire identity: never move or rename this type; add optional members only.
// A correction is the same DialogueId with a later RecordedAt; the worker keeps the latest version only.
public record DialogueRecorded
{
    public required Guid DialogueId { get; init; }
    public required string SurveySlug { get; init; }

    // medborgardialog, trygghetsvandring, medarbetardialog or annat.
    public required string Type { get; init; }

    public required DateOnly Date { get; init; }

    // One of the survey's area codes, or null.
    public string? Area { get; init; }

    // Where it was held, as staff wrote it ("Torget").
    public string? Place { get; init; }

    public DialogueLocation? Location { get; init; }

    public required int Participants { get; init; }

    // Concern code -> how many of the participants raised it.
    public required IReadOnlyDictionary<string, int> Concerns { get; init; }

    // Already scrubbed of personal data (FreeTextScrubber) by the Staff API.
    public string? Notes { get; init; }

    // The version: a correction carries a later one.
    public required DateTimeOffset RecordedAt { get; init; }
}

// WGS 84 degrees.
public record DialogueLocation
{
    public required double Lat { get; init; }
    public required double Lon { get; init; }
}
