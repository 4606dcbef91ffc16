using Dapper;
using Npgsql;
using Survey.Contracts;

namespace Survey.Store;

public sealed class PostgresDialogueStore(NpgsqlDataSource db) : IDialogueStore
{
    public async Task<bool> RecordAsync(DialogueRecorded dialogue, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        // One statement: two versions arriving at once cannot both win, and the later one always does.
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            insert into dialogues (dialogue_id, survey_slug, dialogue_type, dialogue_date, recorded_ticks, dialogue)
            values (@id, @slug, @type, @date::date, @ticks, @json::jsonb)
            on conflict (dialogue_id) do update
            set survey_slug = excluded.survey_slug, dialogue_type = excluded.dialogue_type, dialogue_date = excluded.dialogue_date,
                recorded_ticks = excluded.recorded_ticks, dialogue = excluded.dialogue
            where dialogues.recorded_ticks < excluded.recorded_ticks
            """,
            new
            {
                id = dialogue.DialogueId, slug = dialogue.SurveySlug, type = dialogue.Type, date = dialogue.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ticks = dialogue.RecordedAt.UtcTicks, json = DialogueRows.Write(dialogue),
            }, cancellationToken: ct));
        return changed == 1;
    }

    public async Task<IReadOnlyList<DialogueRecorded>> ListAsync(string surveySlug, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "select dialogue::text from dialogues where survey_slug = @surveySlug", new { surveySlug }, cancellationToken: ct));
        return DialogueRows.Newest(rows);
    }

    public async Task<DialogueRecorded?> FindAsync(Guid dialogueId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select dialogue::text from dialogues where dialogue_id = @dialogueId", new { dialogueId }, cancellationToken: ct));
        return json is null ? null : DialogueRows.Read(json);
    }
}
