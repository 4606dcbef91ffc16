namespace Survey.Contracts;

// Responses that reached one Intake instance within the same moment, published and confirmed by RabbitMQ together
// (group commit: one confirmed publish for many answers instead of one each). Each response in it keeps its own
// ResponseId, so the worker stores each once however often the batch, or one of its responses alone, is delivered.
// The namespace and type name are the wire identity: never move or rename this type; add optional members only.
public record SurveyResponseBatchSubmitted
{
    public required IReadOnlyList<SurveyResponseSubmitted> Responses { get; init; }
}
