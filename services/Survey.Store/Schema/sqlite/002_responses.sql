-- Each response once (idempotent per response id), and the tallies the worker adds them to.
-- As the code before migrations created it, and idempotent, so a database it made is taken as it is.
create table if not exists responses (
    response_id  text primary key,
    survey_slug  text not null references surveys (slug),
    received_at  text not null,
    recorded_at  text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')),
    answer       text not null);
create index if not exists responses_survey on responses (survey_slug, received_at);
create table if not exists tallies (
    survey_slug     text not null references surveys (slug),
    dimension       text not null,
    dimension_value text not null,
    metric          text not null,
    count           integer not null,
    priority_points integer not null,
    primary key (survey_slug, dimension, dimension_value, metric));
