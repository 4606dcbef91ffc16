-- Each response once (idempotent per response id), and the tallies the worker adds them to.
-- As the code before migrations created it, and idempotent, so a database it made is taken as it is.
create table if not exists responses (
    response_id  uuid primary key,
    survey_slug  text not null references surveys (slug),
    received_at  timestamptz not null,
    recorded_at  timestamptz not null default now(),
    answer       jsonb not null);
create index if not exists responses_survey on responses (survey_slug, received_at);
create table if not exists tallies (
    survey_slug     text not null references surveys (slug),
    dimension       text not null,
    dimension_value text not null,
    metric          text not null,
    count           bigint not null,
    priority_points bigint not null,
    primary key (survey_slug, dimension, dimension_value, metric));
