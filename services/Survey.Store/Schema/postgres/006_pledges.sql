-- The medborgarlöfte recorded for a survey (one per survey, replaced on each save) and its progress updates
-- (added, never changed), as JSON.
create table pledges (
    survey_slug text primary key references surveys (slug),
    pledge      jsonb not null,
    updated_at  timestamptz not null default now());

create table pledge_progress (
    id          bigint generated always as identity primary key,
    survey_slug text not null references surveys (slug),
    progress    jsonb not null,
    recorded_at timestamptz not null default now());

create index pledge_progress_by_survey on pledge_progress (survey_slug, id);
