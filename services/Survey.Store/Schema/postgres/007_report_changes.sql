-- Every write that changes what a survey's report reads tells the Staff API, on the channel survey_report_changes, which
-- municipalities' reports changed (their SCB codes, comma-separated), or '*' for all of them: the tallies (each batch the
-- worker counts), the surveys (definitions and population tables; the previous survey's too, for the trend), the
-- dialogues, and the crime statistics (whose national rows every report compares with). PostgreSQL delivers it when the
-- transaction commits, and not at all when it rolls back. The Staff API keeps each report's inputs until its
-- municipality is named (SurveyReports). A write made with triggers off (session_replication_role = replica, a restore
-- with --disable-triggers) is not told: restart the Staff APIs after one.
create index if not exists surveys_municipality on surveys (municipality_code);

create or replace function survey_report_changed(codes text) returns void language plpgsql as $$
begin
    if codes is null or codes = '' then return; end if;
    -- A notification's payload is at most 8,000 bytes.
    perform pg_notify('survey_report_changes', case when length(codes) > 7000 then '*' else codes end);
end $$;

create or replace function survey_report_tallies_changed() returns trigger language plpgsql as $$
begin
    perform survey_report_changed((
        select string_agg(distinct s.municipality_code, ',') from changed c join surveys s on s.slug = c.survey_slug));
    return null;
end $$;

drop trigger if exists survey_report_tallies_inserted on tallies;
create trigger survey_report_tallies_inserted after insert on tallies
    referencing new table as changed for each statement execute function survey_report_tallies_changed();
drop trigger if exists survey_report_tallies_updated on tallies;
create trigger survey_report_tallies_updated after update on tallies
    referencing new table as changed for each statement execute function survey_report_tallies_changed();
drop trigger if exists survey_report_tallies_deleted on tallies;
create trigger survey_report_tallies_deleted after delete on tallies
    referencing old table as changed for each statement execute function survey_report_tallies_changed();

create or replace function survey_report_survey_changed() returns trigger language plpgsql as $$
begin
    perform survey_report_changed(concat_ws(',',
        case when tg_op <> 'INSERT' then old.municipality_code end,
        case when tg_op <> 'DELETE' then new.municipality_code end));
    return null;
end $$;

drop trigger if exists survey_report_survey_changed on surveys;
create trigger survey_report_survey_changed after insert or update or delete on surveys
    for each row execute function survey_report_survey_changed();

create or replace function survey_report_dialogue_changed() returns trigger language plpgsql as $$
begin
    perform survey_report_changed((select string_agg(distinct s.municipality_code, ',') from surveys s
        where s.slug in (case when tg_op <> 'INSERT' then old.survey_slug end, case when tg_op <> 'DELETE' then new.survey_slug end)));
    return null;
end $$;

drop trigger if exists survey_report_dialogue_changed on dialogues;
create trigger survey_report_dialogue_changed after insert or update or delete on dialogues
    for each row execute function survey_report_dialogue_changed();

create or replace function survey_report_everything_changed() returns trigger language plpgsql as $$
begin
    perform survey_report_changed('*');
    return null;
end $$;

drop trigger if exists survey_report_crime_statistics_changed on crime_statistics;
create trigger survey_report_crime_statistics_changed after insert or update or delete or truncate on crime_statistics
    for each statement execute function survey_report_everything_changed();

-- What no code of the service does, but an operator may (an erasure, a clean-up): everything counts as changed. The
-- responses are read for the answers per day; every answer the worker adds changes the tallies too.
drop trigger if exists survey_report_responses_removed on responses;
create trigger survey_report_responses_removed after delete or truncate on responses
    for each statement execute function survey_report_everything_changed();
drop trigger if exists survey_report_tallies_truncated on tallies;
create trigger survey_report_tallies_truncated after truncate on tallies
    for each statement execute function survey_report_everything_changed();
drop trigger if exists survey_report_surveys_truncated on surveys;
create trigger survey_report_surveys_truncated after truncate on surveys
    for each statement execute function survey_report_everything_changed();
drop trigger if exists survey_report_dialogues_truncated on dialogues;
create trigger survey_report_dialogues_truncated after truncate on dialogues
    for each statement execute function survey_report_everything_changed();
