-- The PostgreSQL store tells the Staff API of every change a survey's report reads (007_report_changes there). The
-- embedded store has one process, which asks SQLite for the report's version instead (SqliteReportVersionStore); the
-- index keeps that question to the municipality's surveys.
create index if not exists surveys_municipality on surveys (municipality_code);
