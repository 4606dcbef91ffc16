-- Citizen dialogues, safety walks and staff dialogues, the latest version of each (DialogueRecorded).
-- recorded_ticks is the message's RecordedAt in .NET ticks (UTC), so versions compare exactly.
create table if not exists dialogues (
    dialogue_id    text primary key,
    survey_slug    text not null references surveys (slug),
    dialogue_type  text not null,
    dialogue_date  text not null,
    recorded_ticks integer not null,
    dialogue       text not null);
create index if not exists dialogues_survey on dialogues (survey_slug, dialogue_date);
