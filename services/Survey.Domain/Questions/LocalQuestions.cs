using Survey.Contracts;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;

namespace Survey.Domain.Questions;

// The rules for a survey's own questions: how they are defined, how they are answered, and what may
// change about them once answers have arrived.
public static class LocalQuestions
{
    public const int MaxQuestions = 10;
    public const int MaxOptions = 20;
    public const int MaxLabelLength = 300;
    public const int MaxTextLength = ResponseValidator.MaxFreeTextLength;

    // Codes that already name something in a response or a breakdown (?by=area): a question cannot take them.
    public static IReadOnlyList<string> ReservedCodes { get; } =
        [.. StandardQuestions.All.Select(q => q.Code.ToLowerInvariant()), "all", "channel", "language", "answers", "questions"];

    public static void Validate(SurveyDefinition d, Errors errors)
    {
        if (d.Questions is not { } questions) return;
        if (questions.Count > MaxQuestions)
            errors.Add("questions", $"At most {MaxQuestions} questions of the survey's own; got {questions.Count}.");
        var languages = d.Languages ?? [];
        for (var i = 0; i < questions.Count; i++)
        {
            var path = $"questions[{i}]";
            var q = questions[i];
            if (q is null)
            {
                errors.Add(path, "A question, not null.");
                continue;
            }
            if (!SurveyDefinitionValidator.CodePattern().IsMatch(q.Code ?? ""))
                errors.Add($"{path}.code", "Must be 2–63 characters: lower-case letters a–z, digits and hyphens, starting with a letter or digit.");
            else if (ReservedCodes.Contains(q.Code))
                errors.Add($"{path}.code", $"'{q.Code}' names a standard question or breakdown; choose another code.");
            if (!QuestionTypes.All.Contains(q.Type))
                errors.Add($"{path}.type", $"Must be one of: {string.Join(", ", QuestionTypes.All)}.");
            CheckLabels(errors, $"{path}.label", q.Label, languages);

            if (q.IsChoice)
            {
                if (q.Options is not { Count: >= 2 and <= MaxOptions } options)
                {
                    errors.Add($"{path}.options", $"A {q.Type}-choice question needs 2–{MaxOptions} options.");
                    continue;
                }
                for (var j = 0; j < options.Count; j++)
                {
                    var option = options[j];
                    if (option is null || !SurveyDefinitionValidator.CodePattern().IsMatch(option.Code ?? ""))
                        errors.Add($"{path}.options[{j}].code", "Must be 2–63 characters: lower-case letters a–z, digits and hyphens.");
                    else if (option.Code == QuestionTypes.DontKnow)
                        errors.Add($"{path}.options[{j}].code", "'vet-inte' is kept for the scale's \"vet inte\"; leave the answer out instead.");
                    CheckLabels(errors, $"{path}.options[{j}].label", option?.Label, languages);
                }
                foreach (var dup in options.Where(o => o is not null).GroupBy(o => o.Code).Where(g => g.Count() > 1))
                    errors.Add($"{path}.options", $"The code '{dup.Key}' appears more than once.");
            }
            else if (q.Options is { Count: > 0 })
                errors.Add($"{path}.options", $"A {q.Type} question has no options.");
        }
        foreach (var dup in questions.Where(q => q is not null).GroupBy(q => q.Code).Where(g => g.Count() > 1))
            errors.Add("questions", $"The code '{dup.Key}' appears more than once.");
    }

    private static void CheckLabels(Errors errors, string path, IReadOnlyDictionary<string, string>? label, IReadOnlyList<string> languages)
    {
        if (label is null)
        {
            errors.Add(path, $"Required: the wording in each of the survey's languages ({string.Join(", ", languages)}).");
            return;
        }
        foreach (var language in languages.Where(l => string.IsNullOrWhiteSpace(label.GetValueOrDefault(l))))
            errors.Add(path, $"The wording in '{language}' is missing: a survey offered in {string.Join(", ", languages)} needs every one.");
        foreach (var (language, text) in label)
        {
            if (!languages.Contains(language))
                errors.Add($"{path}.{language}", $"'{language}' is not one of the survey's languages ({string.Join(", ", languages)}).");
            else if (text is { Length: > MaxLabelLength })
                errors.Add($"{path}.{language}", $"At most {MaxLabelLength} characters.");
            else SurveyDefinitionValidator.CheckText(errors, $"{path}.{language}", text);
        }
    }

    // Checks a resident's answers against the survey's questions, naming each bad one as answers.<code>.
    public static void ValidateAnswers(IReadOnlyDictionary<string, AnswerValue>? answers, SurveyDefinition survey, Errors errors)
    {
        if (answers is null) return;
        var questions = survey.Questions ?? [];
        foreach (var (code, value) in answers)
        {
            var path = $"answers.{code}";
            if (survey.Question(code) is not { } q)
            {
                errors.Add(path, questions.Count == 0
                    ? "This survey has no questions of its own."
                    : $"Not one of this survey's questions: {string.Join(", ", questions.Select(x => x.Code))}.");
                continue;
            }
            var allowed = q.Values;
            switch (q.Type)
            {
                case QuestionTypes.SingleChoice when value.Shape != AnswerShape.Text || !allowed.Contains(value.Values[0]):
                    errors.Add(path, $"One option code as a string: {string.Join(", ", allowed)}.");
                    break;
                case QuestionTypes.MultipleChoice when value.Shape != AnswerShape.List:
                    errors.Add(path, $"An array of option codes (empty for none): {string.Join(", ", allowed)}.");
                    break;
                case QuestionTypes.MultipleChoice:
                    for (var i = 0; i < value.Values.Count; i++)
                        if (!allowed.Contains(value.Values[i]))
                            errors.Add($"{path}[{i}]", $"'{value.Values[i]}' is not one of: {string.Join(", ", allowed)}.");
                    if (value.Values.Distinct().Count() != value.Values.Count)
                        errors.Add(path, "Each option may be given only once.");
                    break;
                case QuestionTypes.Scale when !(value.Shape == AnswerShape.Number && value.Values[0] is "1" or "2" or "3" or "4" or "5"
                                             || value.Shape == AnswerShape.Text && value.Values[0] == QuestionTypes.DontKnow):
                    errors.Add(path, "A whole number from 1 to 5, or \"vet-inte\".");
                    break;
                case QuestionTypes.Text when value.Shape != AnswerShape.Text:
                    errors.Add(path, "A string.");
                    break;
                case QuestionTypes.Text when value.Values[0].Length > MaxTextLength:
                    errors.Add(path, $"At most {MaxTextLength} characters; got {value.Values[0].Length}.");
                    break;
                case QuestionTypes.Text when TextRules.Problem(value.Values[0], lineBreaks: true) is { } problem:
                    errors.Add(path, problem);
                    break;
            }
        }
    }

    // The answers as they travel: in the survey's order, text scrubbed of personal data, blank text left out.
    public static IReadOnlyList<QuestionAnswer>? ToMessage(IReadOnlyDictionary<string, AnswerValue>? answers, SurveyDefinition survey)
    {
        if (answers is null || answers.Count == 0) return null;
        var list = new List<QuestionAnswer>();
        foreach (var q in survey.Questions ?? [])
        {
            if (!answers.TryGetValue(q.Code, out var value)) continue;
            IReadOnlyList<string> values = q.Type == QuestionTypes.Text
                ? FreeTextScrubber.Scrub(value.Values[0]) is { Length: > 0 } text ? [text] : []
                : value.Values;
            if (q.Type == QuestionTypes.Text && values.Count == 0) continue;
            list.Add(new QuestionAnswer { Code = q.Code, Type = q.Type, Values = values });
        }
        return list.Count == 0 ? null : list;
    }

    // What an edit after the first answer would change beyond wording (each a sentence), and the wording
    // corrections it makes. Wording may only be corrected, not rewritten: a few characters at most.
    public static (List<string> Conflicts, List<WordingCorrection> Corrections) CompareAfterAnswers(
        SurveyDefinition before, SurveyDefinition after, DateTimeOffset now)
    {
        var conflicts = new List<string>();
        var corrections = new List<WordingCorrection>();
        var old = before.Questions ?? [];
        var @new = after.Questions ?? [];
        var oldCodes = old.Select(q => q.Code).ToList();
        var newCodes = @new.Select(q => q.Code).ToList();
        if (!oldCodes.SequenceEqual(newCodes))
        {
            conflicts.Add($"the questions would change from [{string.Join(", ", oldCodes)}] to [{string.Join(", ", newCodes)}]");
            return (conflicts, corrections);
        }
        for (var i = 0; i < old.Count; i++)
        {
            var (a, b) = (old[i], @new[i]);
            if (a.Type != b.Type) conflicts.Add($"'{a.Code}' would change type from {a.Type} to {b.Type}");
            var aOptions = a.Options?.Select(o => o.Code).ToList() ?? [];
            var bOptions = b.Options?.Select(o => o.Code).ToList() ?? [];
            if (!aOptions.SequenceEqual(bOptions))
                conflicts.Add($"'{a.Code}' would change its options from [{string.Join(", ", aOptions)}] to [{string.Join(", ", bOptions)}]");
            var reworded = false;
            foreach (var (where, x, y) in Labels(a, b))
            {
                if (x == y) continue;
                if (!IsCorrection(x, y))
                    conflicts.Add($"the wording of {where} would change from \"{x}\" to \"{y}\", more than a correction");
                reworded = true;
            }
            if (reworded) corrections.Add(new WordingCorrection(a.Code, now));
        }
        return (conflicts, corrections);
    }

    private static IEnumerable<(string Where, string? Before, string? After)> Labels(LocalQuestion a, LocalQuestion b)
    {
        foreach (var language in a.Label.Keys.Union(b.Label.Keys))
            yield return ($"'{a.Code}' ({language})", a.Label.GetValueOrDefault(language), b.Label.GetValueOrDefault(language));
        var options = (a.Options ?? []).Zip(b.Options ?? []);
        foreach (var (x, y) in options)
            foreach (var language in x.Label.Keys.Union(y.Label.Keys))
                yield return ($"'{a.Code}' option '{x.Code}' ({language})", x.Label.GetValueOrDefault(language), y.Label.GetValueOrDefault(language));
    }

    // A typo fixed: a new language's wording added (the survey gained a language), or at most three
    // characters changed and no more than a fifth of the text.
    internal static bool IsCorrection(string? before, string? after)
    {
        if (before is null || after is null) return before is null;
        var distance = EditDistance(before, after);
        return distance <= 3 && distance * 5 <= Math.Max(before.Length, 1);
    }

    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3) return int.MaxValue;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

// How an answer was written: a string, a number or an array (the question's type decides which it must be).
public enum AnswerShape { Text, Number, List }

public sealed record AnswerValue(AnswerShape Shape, IReadOnlyList<string> Values)
{
    public static AnswerValue Of(string text) => new(AnswerShape.Text, [text]);
}
