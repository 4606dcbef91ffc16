namespace Survey.Contracts;

/// <summary>
/// A resident's answer to a survey, accepted by Intake. The namespace and type name are the wire
/// identity: never move or rename this type; add optional members only.
/// </summary>
public record SurveyResponseSubmitted
{
    public required Guid ResponseId { get; init; }
    public required string SurveySlug { get; init; }
    public required string MunicipalityCode { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    public string? Language { get; init; }
    public string? Channel { get; init; }

    /// <summary>Problems the resident sees where they live. Null: not answered; empty: "no problems".</summary>
    public IReadOnlyList<string>? Concerns { get; init; }

    /// <summary>Up to three distinct concern codes, most important first.</summary>
    public IReadOnlyList<string>? Priorities { get; init; }

    /// <summary>1 = mycket trygg … 4 = mycket otrygg, 5 = går aldrig ut ensam.</summary>
    public int? Safety { get; init; }

    public string? Area { get; init; }
    public string? AgeGroup { get; init; }
    public string? Gender { get; init; }

    /// <summary>Free text, already scrubbed of personal data by Intake.</summary>
    public string? FreeText { get; init; }

    /// <summary>Answers to the survey's own questions, each answered one once (text already scrubbed).</summary>
    public IReadOnlyList<QuestionAnswer>? Answers { get; init; }
}
