using Survey.Contracts;
using Survey.Domain.Concerns;
using Survey.Domain.Disclosure;
using Survey.Domain.FreeText;
using Survey.Domain.Surveys;
using Survey.Store;

namespace Survey.Staff.Dialogues;

// How many of the dialogues' participants raised a concern, in total. Raised is a count of people: null when the
// disclosure rule hides it (1 up to the concern's floor), and then Hidden.
public sealed record DialogueConcernView(string Code, string Label, long? Raised, bool Hidden)
{
    // How many dialogues' notes the free-text classifier reads the concern in: meetings, not people, and counted apart
    // from those who raised it (never added to it).
    public int MentionedInNotes { get; init; }
}

public sealed record DialogueTypeCount(string Type, string Label, int Dialogues);

// The survey's dialogues as evidence beside the survey figures: dialogues per type (meetings, not people), the
// participants in total and per concern how many raised it, each count of people through the disclosure rule.
public sealed record DialogueSummaryView(
    int Dialogues,
    IReadOnlyList<DialogueTypeCount> ByType,
    long? Participants,
    IReadOnlyList<DialogueConcernView> Concerns,
    IReadOnlyList<string> Notes,
    string GeoJson);

// Reads the stored (latest) version of each dialogue and sums them, so a correction counts instead of the version
// it corrects, never beside it.
public sealed class DialogueFigures(IDialogueStore store)
{
    public async Task<DialogueSummaryView> ReadAsync(SurveyDefinition survey, CancellationToken ct) =>
        Summarise(survey, await store.ListAsync(survey.Slug, ct));

    public static DialogueSummaryView Summarise(SurveyDefinition survey, IReadOnlyList<DialogueRecorded> dialogues)
    {
        var notes = new List<string>();
        // The notes are scrubbed before they are stored; read them as concerns like residents' free text.
        var read = dialogues.Select(d => string.IsNullOrWhiteSpace(d.Notes) ? [] : ConcernClassifier.Classify(d.Notes)).ToList();
        long participants = dialogues.Sum(d => (long)d.Participants);
        var participantsShown = DisclosureRule.MayShow(participants, survey.MinimumCellSize);
        if (!participantsShown)
            notes.Add($"Antalet deltagare i dialogerna visas inte: det är färre än {survey.MinimumCellSize} (enkätens minsta cellstorlek).");

        // Every concern of the survey, also those no dialogue raised (0 is shown), and none outside it.
        var concerns = survey.Concerns.Select(code =>
            {
                long raised = dialogues.Sum(d => (long)d.Concerns.GetValueOrDefault(code));
                var floor = survey.FloorFor(code);
                var shown = DisclosureRule.MayShow(raised, floor);
                if (!shown)
                    notes.Add($"Hur många som tog upp {ConcernTaxonomy.SwedishLabel(code).ToLowerInvariant()} i dialogerna visas inte: " +
                        $"det är färre än {floor} (minsta cellstorlek för problemet) men fler än 0.");
                return new DialogueConcernView(code, ConcernTaxonomy.SwedishLabel(code), shown ? raised : null, !shown)
                {
                    MentionedInNotes = read.Count(r => r.Contains(code)),
                };
            })
            .OrderByDescending(c => c.Raised ?? 0).ThenBy(c => survey.Concerns.IndexOf(c.Code))
            .ToList();

        return new DialogueSummaryView(
            dialogues.Count,
            DialogueTypes.All.Select(t => new DialogueTypeCount(t, DialogueTypes.Label(t), dialogues.Count(d => d.Type == t))).ToList(),
            participantsShown ? participants : null,
            concerns,
            notes,
            $"/api/v1/staff/surveys/{survey.Slug}/dialogues?format=geojson");
    }
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}
