-- Survey definitions (with their population tables) as JSON, by slug.
-- As the code before migrations created it, and idempotent, so a database it made is taken as it is.
create table if not exists surveys (
    slug              text primary key,
    municipality_code text not null,
    definition        jsonb not null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now());
