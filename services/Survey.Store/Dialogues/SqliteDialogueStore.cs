using Dapper;
using Survey.Contracts;

namespace Survey.Store;

public sealed class SqliteDialogueStore(SqliteDatabase database) : IDialogueStore
{
    public Task<bool> RecordAsync(DialogueRecorded dialogue, CancellationToken ct) =>
        database.WriteAsync(async connection => await connection.ExecuteAsync("""
                insert into dialogues (dialogue_id, survey_slug, dialogue_type, dialogue_date, recorded_ticks, dialogue)
                values (@id, @slug, @type, @date, @ticks, @json)
                on conflict (dialogue_id) do update
                set survey_slug = excluded.survey_slug, dialogue_type = excluded.dialogue_type, dialogue_date = excluded.dialogue_date,
                    recorded_ticks = excluded.recorded_ticks, dialogue = excluded.dialogue
                where dialogues.recorded_ticks < excluded.recorded_ticks
                """,
                new
                {
                    id = dialogue.DialogueId.ToString(), slug = dialogue.SurveySlug, type = dialogue.Type,
                    date = dialogue.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ticks = dialogue.RecordedAt.UtcTicks, json = DialogueRows.Write(dialogue),
                }) == 1, ct);

    public async Task<IReadOnlyList<DialogueRecorded>> ListAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<string>("select dialogue from dialogues where survey_slug = @surveySlug", new { surveySlug });
        return DialogueRows.Newest(rows);
    }

    public async Task<DialogueRecorded?> FindAsync(Guid dialogueId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>(
            "select dialogue from dialogues where dialogue_id = @id", new { id = dialogueId.ToString() });
        return json is null ? null : DialogueRows.Read(json);
    }
}
