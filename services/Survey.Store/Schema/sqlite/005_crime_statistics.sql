-- Reported offences per region (a municipality's SCB code, or '00' for the whole country), year and offence
-- category, as imported from Brå's "Anmälda brott". category_key is the category compared (OffenceCategories.Key):
-- a re-import of the same region, year and category replaces the row.
create table if not exists crime_statistics (
    region       text not null,
    year         integer not null,
    category_key text not null,
    category     text not null,
    count        integer not null check (count >= 0),
    rate         real not null check (rate >= 0),
    imported_at  text not null,
    primary key (region, year, category_key));
