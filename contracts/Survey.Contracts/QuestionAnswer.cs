namespace Survey.Contracts;

/// <summary>
/// A resident's answer to one of a survey's own questions. Values are option codes (single: one;
/// multiple: any), a scale step "1" to "5" or "vet-inte", or (text) the scrubbed text. The type travels
/// with the answer so that the worker counts it without reading the survey.
/// </summary>
public record QuestionAnswer
{
    public required string Code { get; init; }

    /// <summary>single, multiple, scale or text.</summary>
    public required string Type { get; init; }

    public required IReadOnlyList<string> Values { get; init; }
}
