using Survey.Domain.Questions;

namespace Survey.Domain.Responses;

// A resident's answer as the browser sends it (the request schema), before it is checked against the survey.
public sealed record ResponseAnswer
{
    public Guid? ResponseId { get; init; }
    public string? Language { get; init; }
    public string? Channel { get; init; }
    public IReadOnlyList<string>? Concerns { get; init; }
    public IReadOnlyList<string>? Priorities { get; init; }
    public int? Safety { get; init; }
    public string? Area { get; init; }
    public string? AgeGroup { get; init; }
    public string? Gender { get; init; }
    public string? FreeText { get; init; }

    // Answers to the survey's own questions, by question code.
    public IReadOnlyDictionary<string, AnswerValue>? Answers { get; init; }

    // The single-use code of a sampled survey. Checked and spent by Intake; never published or stored with the answer.
    public string? InvitationCode { get; init; }
}
