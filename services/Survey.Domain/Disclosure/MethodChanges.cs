using Survey.Domain.Concerns;
using Survey.Domain.Questions;
using Survey.Domain.Surveys;

namespace Survey.Domain.Disclosure;

// "Metodbyte": when a question was asked differently in the previous survey, a change in its answers may come from the
// change of question as much as from the place (as Brå said of the NTU when it changed method). The trend says so.
public static class MethodChanges
{
    public const string Caution = "jämför med försiktighet";

    // The standard concern question's wording is the questionnaire's fixed text, the same for every survey: what a survey
    // sets is which concerns it offers and in which languages. Those two are compared.
    public static string? ConcernQuestion(SurveyDefinition before, SurveyDefinition now)
    {
        var changes = new List<string>();
        var added = now.Concerns.Except(before.Concerns).ToList();
        var removed = before.Concerns.Except(now.Concerns).ToList();
        if (added.Count > 0) changes.Add($"nya alternativ: {Labels(added)}");
        if (removed.Count > 0) changes.Add($"borttagna alternativ: {Labels(removed)}");
        if (!before.Languages.ToHashSet().SetEquals(now.Languages))
            changes.Add($"enkäten erbjöds då på {Languages(before.Languages)}, nu på {Languages(now.Languages)}");
        return changes.Count == 0 ? null
            : $"Metodbyte: frågan om problem har ändrats sedan förra mätningen ({string.Join("; ", changes)}) – {Caution}.";

        static string Labels(IEnumerable<string> codes) => string.Join(", ", codes.Select(ConcernTaxonomy.SwedishLabel));
    }

    // What differs in the Swedish wording of one of the survey's own questions, asked with the same type both times: the
    // question's text, and its options (their codes, order and Swedish labels). Null when nothing does.
    public static string? Question(LocalQuestion before, LocalQuestion now)
    {
        var changes = new List<string>();
        if (Trimmed(before.LabelIn("sv")) != Trimmed(now.LabelIn("sv")))
            changes.Add($"frågan löd då ”{before.LabelIn("sv")}”");
        var (then, today) = (before.Options ?? [], now.Options ?? []);
        if (!then.Select(o => Trimmed(o.LabelIn("sv"))).SequenceEqual(today.Select(o => Trimmed(o.LabelIn("sv")))))
            changes.Add($"svarsalternativen var då {string.Join(", ", then.Select(o => $"”{o.LabelIn("sv")}”"))}");
        else if (!then.Select(o => o.Code).SequenceEqual(today.Select(o => o.Code)))
            changes.Add("svarsalternativen har fått andra koder");
        return changes.Count == 0 ? null
            : $"Metodbyte: frågans formulering har ändrats sedan förra mätningen ({string.Join("; ", changes)}) – {Caution}.";
    }

    public static string DifferentType(LocalQuestion before, LocalQuestion now) =>
        $"Ingen jämförelse med förra mätningen: frågan var då av en annan typ ({TypeName(before.Type)}, nu {TypeName(now.Type)}), och svaren går inte att jämföra.";

    public const string NotAsked = "Ingen jämförelse med förra mätningen: frågan ställdes inte då.";

    private static string TypeName(string type) => type switch
    {
        QuestionTypes.SingleChoice => "ett svarsalternativ",
        QuestionTypes.MultipleChoice => "flera svarsalternativ",
        QuestionTypes.Scale => "skala 1–5",
        QuestionTypes.Text => "fritext",
        _ => type,
    };

    private static string Languages(IReadOnlyList<string> codes)
    {
        var names = codes.Select(c => c switch
        {
            "sv" => "svenska",
            "en" => "engelska",
            "fi" => "finska",
            "fit" => "meänkieli",
            "se" => "nordsamiska",
            "ar" => "arabiska",
            _ => c,
        }).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " och " + names[^1];
    }

    private static string Trimmed(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
