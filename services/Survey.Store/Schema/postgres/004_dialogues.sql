-- Citizen dialogues, safety walks and staff dialogues, the latest version of each (DialogueRecorded).
-- recorded_ticks is the message's RecordedAt in .NET ticks (UTC): a version compares exactly, where a
-- timestamptz would round away the last digit and make one message look newer than itself.
create table if not exists dialogues (
    dialogue_id    uuid primary key,
    survey_slug    text not null references surveys (slug),
    dialogue_type  text not null,
    dialogue_date  date not null,
    recorded_ticks bigint not null,
    dialogue       jsonb not null);
create index if not exists dialogues_survey on dialogues (survey_slug, dialogue_date);
