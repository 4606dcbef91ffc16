namespace Survey.Store;

// A cheap question asked before a survey's report is read in full: a value that differs whenever anything the report
// reads has changed since (the survey's and its municipality's other surveys' definitions and respondents, the survey's
// dialogues, the crime statistics of the municipality and the country). One round trip, so that a ranking asked again
// between two answers is served from what was read last time, and never from anything older.
public interface IReportVersionStore
{
    // Null when there is no survey with that slug.
    Task<string?> ReadAsync(string slug, CancellationToken ct);
}
