using Survey.Contracts;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Domain.Questions;

// A question every survey asks, as data: its code (the field in the JSON body, the plain form and the texts' keys,
// "q.<code>"), its type, the options a survey gives it, whether it is a breakdown of the tallies, and where its
// answer sits in the request and in the message. The JSON reader, the form reader, the validator, the message, the
// tally's cells, the published survey and the questionnaire page all read this list; adding a standard question is
// one entry here, its texts in every language, and a member on ResponseAnswer and SurveyResponseSubmitted (the
// wire contract names its fields).
public sealed record StandardQuestion
{
    public required string Code { get; init; }

    // single, multiple, ranked (up to MaxValues, most important first), scale or text.
    public required string Type { get; init; }

    // The breakdown it makes in the tallies (Dimensions.Area …), or null.
    public string? Dimension { get; init; }

    // The codes an answer may hold on a survey; a text question has none.
    public required Func<SurveyDefinition, IReadOnlyList<string>> Options { get; init; }

    // What the options are, for an error message: "concerns", "areas".
    public string OptionsNoun { get; init; } = "options";

    // Ranked: how many at most. Text: how many characters at most.
    public int? MaxValues { get; init; }

    // Asked on this survey? (An area question only when the survey has areas.)
    public Func<SurveyDefinition, bool> AskedOn { get; init; } = _ => true;

    // A scale's meaning, for an error message: "1 (mycket trygg) to 4 (mycket otrygg), or 5 (går aldrig ut ensam)".
    public string? ScaleRule { get; init; }

    // The answer as values (null: not answered; a multiple-choice question's empty list: none of them), and back.
    public required Func<ResponseAnswer, IReadOnlyList<string>?> FromAnswer { get; init; }
    public required Func<ResponseAnswer, IReadOnlyList<string>?, ResponseAnswer> IntoAnswer { get; init; }
    public required Func<SurveyResponseSubmitted, IReadOnlyList<string>?> FromMessage { get; init; }
    public required Func<SurveyResponseSubmitted, IReadOnlyList<string>?, SurveyResponseSubmitted> IntoMessage { get; init; }
}

public static class StandardQuestions
{
    public const string Ranked = "ranked";

    public static IReadOnlyList<string> SafetySteps { get; } = ["1", "2", "3", "4", "5"];

    public static StandardQuestion Concerns { get; } = new()
    {
        Code = "concerns",
        Type = QuestionTypes.MultipleChoice,
        Options = s => s.Concerns,
        OptionsNoun = "concerns",
        FromAnswer = a => a.Concerns,
        IntoAnswer = (a, v) => a with { Concerns = v },
        FromMessage = m => m.Concerns,
        IntoMessage = (m, v) => m with { Concerns = v },
    };

    public static StandardQuestion Priorities { get; } = new()
    {
        Code = "priorities",
        Type = Ranked,
        Options = s => s.Concerns,
        OptionsNoun = "concerns",
        MaxValues = 3,
        FromAnswer = a => a.Priorities,
        IntoAnswer = (a, v) => a with { Priorities = v },
        FromMessage = m => m.Priorities,
        IntoMessage = (m, v) => m with { Priorities = v },
    };

    public static StandardQuestion Safety { get; } = new()
    {
        Code = "safety",
        Type = QuestionTypes.Scale,
        Options = _ => SafetySteps,
        ScaleRule = "1 (mycket trygg) to 4 (mycket otrygg), or 5 (går aldrig ut ensam)",
        FromAnswer = a => Number(a.Safety),
        IntoAnswer = (a, v) => a with { Safety = ToNumber(v) },
        FromMessage = m => Number(m.Safety),
        IntoMessage = (m, v) => m with { Safety = ToNumber(v) },
    };

    public static StandardQuestion Area { get; } = new()
    {
        Code = "area",
        Type = QuestionTypes.SingleChoice,
        Dimension = Dimensions.Area,
        Options = s => s.Areas.Select(a => a.Code).ToList(),
        OptionsNoun = "areas",
        AskedOn = s => s.Areas.Count > 0,
        FromAnswer = a => One(a.Area),
        IntoAnswer = (a, v) => a with { Area = First(v) },
        FromMessage = m => One(m.Area),
        IntoMessage = (m, v) => m with { Area = First(v) },
    };

    public static StandardQuestion AgeGroup { get; } = new()
    {
        Code = "ageGroup",
        Type = QuestionTypes.SingleChoice,
        Dimension = Dimensions.AgeGroup,
        Options = s => s.AgeGroups,
        OptionsNoun = "age groups",
        FromAnswer = a => One(a.AgeGroup),
        IntoAnswer = (a, v) => a with { AgeGroup = First(v) },
        FromMessage = m => One(m.AgeGroup),
        IntoMessage = (m, v) => m with { AgeGroup = First(v) },
    };

    public static StandardQuestion Gender { get; } = new()
    {
        Code = "gender",
        Type = QuestionTypes.SingleChoice,
        Dimension = Dimensions.Gender,
        Options = s => s.Genders,
        OptionsNoun = "genders",
        FromAnswer = a => One(a.Gender),
        IntoAnswer = (a, v) => a with { Gender = First(v) },
        FromMessage = m => One(m.Gender),
        IntoMessage = (m, v) => m with { Gender = First(v) },
    };

    public static StandardQuestion FreeText { get; } = new()
    {
        Code = "freeText",
        Type = QuestionTypes.Text,
        Options = _ => [],
        MaxValues = ResponseValidator.MaxFreeTextLength,
        FromAnswer = a => One(a.FreeText),
        IntoAnswer = (a, v) => a with { FreeText = First(v) },
        FromMessage = m => One(m.FreeText),
        IntoMessage = (m, v) => m with { FreeText = First(v) },
    };

    // In the order the questionnaire asks them.
    public static IReadOnlyList<StandardQuestion> All { get; } = [Concerns, Priorities, Safety, Area, AgeGroup, Gender, FreeText];

    // The questions whose answer is a breakdown of the tallies.
    public static IReadOnlyList<StandardQuestion> Breakdowns { get; } = All.Where(q => q.Dimension is not null).ToList();

    public static StandardQuestion? Named(string code) => All.FirstOrDefault(q => q.Code == code);

    // The answer with every standard question's values carried into the message; text is passed through `text` (the scrubber).
    public static SurveyResponseSubmitted Carry(ResponseAnswer answer, SurveyResponseSubmitted message, Func<string?, string?> text) =>
        All.Aggregate(message, (m, q) => q.IntoMessage(m, q.Type == QuestionTypes.Text
            ? One(text(First(q.FromAnswer(answer))))
            : q.FromAnswer(answer)));

    // Checks every standard question's answer against the survey; each bad value is named by its path (concerns[1]).
    public static void Validate(ResponseAnswer answer, SurveyDefinition survey, Errors errors)
    {
        foreach (var q in All)
            if (q.FromAnswer(answer) is { } values)
                Validate(q, values, survey, errors);
    }

    private static void Validate(StandardQuestion q, IReadOnlyList<string> values, SurveyDefinition survey, Errors errors)
    {
        var options = q.Options(survey);
        switch (q.Type)
        {
            case QuestionTypes.MultipleChoice or Ranked:
                for (var i = 0; i < values.Count; i++)
                    if (!options.Contains(values[i]))
                        errors.Add($"{q.Code}[{i}]", $"'{values[i]}' is not one of this survey's {q.OptionsNoun}.");
                if (values.Distinct().Count() != values.Count)
                    errors.Add(q.Code, q.Type == Ranked
                        ? "Each may be given only once."
                        : $"{string.Join(", ", values.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'"))} listed more than once.");
                if (q.MaxValues is { } max && values.Count > max)
                    errors.Add(q.Code, $"At most {max}, most important first; got {values.Count}.");
                break;
            case QuestionTypes.Scale:
                if (!options.Contains(values[0]))
                    errors.Add(q.Code, $"Must be {q.ScaleRule ?? string.Join(", ", options)}.");
                break;
            case QuestionTypes.SingleChoice:
                if (!options.Contains(values[0]))
                    errors.Add(q.Code, $"'{values[0]}' is not one of this survey's {q.OptionsNoun}: {string.Join(", ", options)}.");
                break;
            case QuestionTypes.Text:
                if (values[0].Length > q.MaxValues)
                    errors.Add(q.Code, $"At most {q.MaxValues} characters; got {values[0].Length}.");
                if (TextRules.Problem(values[0], lineBreaks: true) is { } problem)
                    errors.Add(q.Code, problem);
                break;
        }
    }

    private static string? First(IReadOnlyList<string>? values) => values is { Count: > 0 } ? values[0] : null;

    private static IReadOnlyList<string>? One(string? value) => value is null ? null : [value];

    private static IReadOnlyList<string>? Number(int? value) =>
        value is { } n ? [n.ToString(System.Globalization.CultureInfo.InvariantCulture)] : null;

    // A scale answer that is not a whole number was refused by the reader; an out-of-range one is kept for the validator to name.
    private static int? ToNumber(IReadOnlyList<string>? values) =>
        values is [var v] && int.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : null;
}
