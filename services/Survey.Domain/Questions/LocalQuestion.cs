using System.Text.Json.Serialization;

namespace Survey.Domain.Questions;

// A survey's own question ("Hur trygg känner du dig i centrum på kvällen?"): a code, a type, its
// wording in each of the survey's languages and, for choice questions, its options. Stored in the
// survey's definition as JSON: add members, never rename.
public sealed record LocalQuestion
{
    public required string Code { get; init; }

    // single, multiple, scale (1–5 and "vet inte") or text.
    public required string Type { get; init; }

    public required IReadOnlyDictionary<string, string> Label { get; init; }

    public IReadOnlyList<QuestionOption>? Options { get; init; }

    [JsonIgnore]
    public bool IsChoice => Type is QuestionTypes.SingleChoice or QuestionTypes.MultipleChoice;

    // The values an answer may hold, in the order results list them: option codes, or the scale's steps.
    [JsonIgnore]
    public IReadOnlyList<string> Values => Type switch
    {
        QuestionTypes.SingleChoice or QuestionTypes.MultipleChoice => Options?.Select(o => o.Code).ToList() ?? [],
        QuestionTypes.Scale => QuestionTypes.ScaleValues,
        _ => [],
    };

    // What residents see in a language; a survey cannot be saved without a label in each of its languages.
    public string LabelIn(string language) => Wording(Label, language, Code);

    // A wording in a language; Swedish, then the code, where a stored survey lacks it.
    internal static string Wording(IReadOnlyDictionary<string, string> label, string language, string code) =>
        label.GetValueOrDefault(language) ?? label.GetValueOrDefault("sv") ?? code;
}

public sealed record QuestionOption(string Code, IReadOnlyDictionary<string, string> Label)
{
    public string LabelIn(string language) => LocalQuestion.Wording(Label, language, Code);
}

// A correction of a question's wording after answers arrived (a typo), kept so that the results can say when.
public sealed record WordingCorrection(string Question, DateTimeOffset At);

public static class QuestionTypes
{
    public const string SingleChoice = "single";
    public const string MultipleChoice = "multiple";
    public const string Scale = "scale";
    public const string Text = "text";
    public const string DontKnow = "vet-inte";

    public static IReadOnlyList<string> All { get; } = [SingleChoice, MultipleChoice, Scale, Text];
    public static IReadOnlyList<string> ScaleValues { get; } = ["1", "2", "3", "4", "5", DontKnow];
}
