using System.Globalization;
using System.Text.Json;
using Survey.Domain.Questions;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.ServiceDefaults;

namespace Survey.Intake.Responses;

// Reads a response from JSON by hand rather than by the binder, so that every unknown or
// mistyped field is named in one answer instead of only the first one the serializer meets.
public static class ResponseRequestReader
{
    // The fields about the answer, then one per standard question (StandardQuestions), then the survey's own questions.
    private static readonly string[] Fields =
        ["responseId", "language", "channel", .. StandardQuestions.All.Select(q => q.Code), "invitationCode", "answers"];

    // The answer with each readable field (a mistyped one left null), and what was wrong.
    public static (ResponseAnswer Answer, Errors Errors) Read(JsonElement root)
    {
        var errors = new Errors();
        // Every string and field name is checked before any is read: GetString throws on text that is
        // not UTF-8 or holds half a surrogate pair, wherever in the body it is.
        var named = 0;
        FindUnreadableText(root, "", errors, ref named);
        if (!errors.IsEmpty) return (new ResponseAnswer(), errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object.");
            return (new ResponseAnswer(), errors);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                errors.Add(property.Name, $"Unknown field. Known fields: {string.Join(", ", Fields)}.");
            else if (!seen.Add(property.Name))
                errors.Add(property.Name, "The field appears more than once.");
        }

        var answer = new ResponseAnswer
        {
            ResponseId = ReadGuid(root, "responseId", errors),
            Language = ReadString(root, "language", errors),
            Channel = ReadString(root, "channel", errors),
            InvitationCode = ReadString(root, "invitationCode", errors),
            Answers = ReadAnswers(root, errors),
        };
        foreach (var q in StandardQuestions.All)
            answer = q.IntoAnswer(answer, Read(root, q, errors));
        return (answer, errors);
    }

    // The first few strings or field names that cannot be read, by path (freeText, concerns[1]; $ for a field name at the top).
    private static void FindUnreadableText(JsonElement value, string path, Errors errors, ref int named)
    {
        const int MaxNamed = 20;
        if (named >= MaxNamed) return;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                if (JsonText.Problem(value) is { } problem)
                {
                    errors.Add(path.Length == 0 ? "$" : path, problem);
                    named++;
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray()) FindUnreadableText(item, $"{path}[{i++}]", errors, ref named);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (JsonText.NameProblem(property) is { } nameProblem)
                    {
                        errors.Add(path.Length == 0 ? "$" : path, "A field name: " + nameProblem);
                        named++;
                    }
                    else FindUnreadableText(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", errors, ref named);
                }
                break;
        }
    }

    // A standard question's answer in the shape its type takes: a list of codes, a whole number, or a string.
    private static IReadOnlyList<string>? Read(JsonElement root, StandardQuestion q, Errors errors) => q.Type switch
    {
        QuestionTypes.MultipleChoice or StandardQuestions.Ranked => ReadStringList(root, q.Code, errors),
        QuestionTypes.Scale => ReadInt(root, q.Code, errors) is { } n ? [n.ToString(CultureInfo.InvariantCulture)] : null,
        _ => ReadString(root, q.Code, errors) is { } text ? [text] : null,
    };

    private static bool TryGet(JsonElement root, string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? ReadString(JsonElement root, string name, Errors errors)
    {
        if (!TryGet(root, name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(name, $"Must be a string or null, not {Describe(value)}.");
        return null;
    }

    private static Guid? ReadGuid(JsonElement root, string name, Errors errors)
    {
        if (!TryGet(root, name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && Guid.TryParseExact(value.GetString(), "D", out var id)) return id;
        errors.Add(name, "Must be a UUID such as 0193a1c2-7b1e-7c3a-9f00-5a1d2e3f4b5c, or left out.");
        return null;
    }

    private static int? ReadInt(JsonElement root, string name, Errors errors)
    {
        if (!TryGet(root, name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)) return number;
        errors.Add(name, $"Must be a whole number or null, not {Describe(value)}.");
        return null;
    }

    private static List<string>? ReadStringList(JsonElement root, string name, Errors errors)
    {
        if (!TryGet(root, name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(name, $"Must be an array of codes (empty for none), not {Describe(value)}.");
            return null;
        }
        return ReadCodes(value, name, errors);
    }

    // The strings of an array; each item that is not one is named by its path (concerns[1], answers.platser[0]).
    private static List<string> ReadCodes(JsonElement array, string path, Errors errors)
    {
        var list = new List<string>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
            else errors.Add($"{path}[{i}]", $"Must be a string code, not {Describe(item)}.");
            i++;
        }
        return list;
    }

    // {"trygg-centrum": "ja", "platser": ["torget"], "betyg": 4}: each answer as written; its question's type decides later
    // whether that shape is right. A null answer is no answer.
    private static Dictionary<string, AnswerValue>? ReadAnswers(JsonElement root, Errors errors)
    {
        if (!TryGet(root, "answers", out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add("answers", $"Must be an object of answers by question code, not {Describe(value)}.");
            return null;
        }
        var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var path = $"answers.{property.Name}";
            var answer = property.Value;
            if (answers.ContainsKey(property.Name))
            {
                errors.Add(path, "The question is answered more than once.");
                continue;
            }
            switch (answer.ValueKind)
            {
                case JsonValueKind.Null:
                    break;
                case JsonValueKind.String:
                    answers[property.Name] = AnswerValue.Of(answer.GetString()!);
                    break;
                case JsonValueKind.Number:
                    answers[property.Name] = new AnswerValue(AnswerShape.Number,
                        [answer.TryGetInt32(out var n) ? n.ToString(CultureInfo.InvariantCulture) : answer.GetRawText()]);
                    break;
                case JsonValueKind.Array:
                    answers[property.Name] = new AnswerValue(AnswerShape.List, ReadCodes(answer, path, errors));
                    break;
                default:
                    errors.Add(path, $"Must be an option code, an array of codes, a number or a text, not {Describe(answer)}.");
                    break;
            }
        }
        return answers;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
