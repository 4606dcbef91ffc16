-- The medborgarlöfte recorded for a survey (one per survey, replaced on each save) and its progress updates
-- (added, never changed), as JSON.
create table pledges (
    survey_slug text primary key references surveys (slug),
    pledge      text not null,
    updated_at  text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')));

create table pledge_progress (
    id          integer primary key autoincrement,
    survey_slug text not null references surveys (slug),
    progress    text not null,
    recorded_at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')));

create index pledge_progress_by_survey on pledge_progress (survey_slug, id);
