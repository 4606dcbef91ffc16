using Survey.Contracts;

namespace Survey.Store;

// Dialogues, one row per dialogue id holding its latest version. What the ranking shows of them is
// summed from these rows when read, so a correction replaces the earlier version's part by construction.
public interface IDialogueStore
{
    // Inserts the dialogue, or replaces the stored version when this one was recorded later. False when it
    // changed nothing: the same message again, or an older version arriving after a correction.
    Task<bool> RecordAsync(DialogueRecorded dialogue, CancellationToken ct);

    // The survey's dialogues, newest date first (then latest recorded first).
    Task<IReadOnlyList<DialogueRecorded>> ListAsync(string surveySlug, CancellationToken ct);

    Task<DialogueRecorded?> FindAsync(Guid dialogueId, CancellationToken ct);
}

internal static class DialogueRows
{
    public static DialogueRecorded Read(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<DialogueRecorded>(json, StoreJson.Options)!;

    public static string Write(DialogueRecorded dialogue) => System.Text.Json.JsonSerializer.Serialize(dialogue, StoreJson.Options);

    public static IReadOnlyList<DialogueRecorded> Newest(IEnumerable<string> rows) =>
        [.. rows.Select(Read).OrderByDescending(d => d.Date).ThenByDescending(d => d.RecordedAt)];
}
