-- Single-use invitation codes, as hashes, never linked to an answer.
-- As the code before migrations created it, and idempotent, so a database it made is taken as it is.
create table if not exists invitations (
    survey_slug text not null references surveys (slug),
    code_hash   text not null,
    used        boolean not null default false,
    primary key (survey_slug, code_hash));
