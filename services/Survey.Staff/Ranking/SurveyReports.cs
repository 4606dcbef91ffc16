using System.Collections.Concurrent;
using Survey.Domain.Disclosure;
using Survey.Domain.Surveys;
using Survey.Staff.Disclosure;
using Survey.Store;

namespace Survey.Staff.Ranking;

// Everything a survey's report is built from: its definition, its figures through the disclosure gate, and the other
// sources of evidence. withDays: the figures include the answers per day (the dashboard's chart).
public sealed record ReportInputs(SurveyDefinition Survey, PublishedSurvey Published, EvidenceInputs Evidence);

// Reads a report's inputs for the ranking, its exports and the dashboard. Analysts ask for the same survey again and again
// between two answers, so the inputs read last are kept while they are current:
// - on PostgreSQL, while no change to the survey's municipality (or to everything) has been notified since they were read
//   (ReportChanges; PostgreSQL notifies when a change commits, so another Staff API's or the worker's write is seen
//   within a notice's delay, and this one's own writes at once);
// - otherwise (the embedded store, or PostgreSQL while nothing listens) while the store, asked in one round trip, gives
//   the same version (IReportVersionStore).
public sealed class SurveyReports(
    IReportVersionStore versions, ReportChanges changes, ISurveyStore surveys, SurveyFigures figures, RankingEvidence evidence,
    SurveyReports.Cache cache)
{
    // Null when there is no survey with that slug.
    public async Task<ReportInputs?> ReadAsync(string slug, bool withDays, CancellationToken ct)
    {
        var key = (slug, withDays);
        // Taken before anything is read: a change notified during the read makes what it read old at once.
        var now = changes.Current;
        string? version = null;
        if (now.Listening)
        {
            if (Current(now, key) is { } kept) return kept;
        }
        else
        {
            if (await versions.ReadAsync(slug, ct) is not { } asked) return null;
            version = asked;
            if (cache.Entries.TryGetValue(key, out var entry) && entry.Version == version) return cache.Read(entry);
        }
        // Read after the version: a change in between is in what is read, and the next read sees a newer version and reads again.
        if (await surveys.FindAsync(slug, ct) is not { } survey) return null;
        var inputs = new ReportInputs(survey, await figures.ReadAsync(survey, withDays, ct), await evidence.ReadAsync(survey, ct));
        cache.Keep(key, now.Listening
            ? new Entry(inputs, null, now.Everything, now.Of(survey.MunicipalityCode))
            : new Entry(inputs, version, -1, -1));
        return inputs;
    }

    private ReportInputs? Current(ReportChanges.Snapshot now, (string, bool) key) =>
        cache.Entries.TryGetValue(key, out var entry) && entry.Version is null && entry.Everything == now.Everything
        && entry.Municipality == now.Of(entry.Inputs.Survey.MunicipalityCode)
            ? cache.Read(entry)
            : null;

    // Version: the store's version it was read at; or Everything and Municipality: ReportChanges' counters it was read at.
    public sealed record Entry(ReportInputs Inputs, string? Version, long Everything, long Municipality)
    {
        private long _lastRead;

        public long LastRead
        {
            get => Volatile.Read(ref _lastRead);
            set => Volatile.Write(ref _lastRead, value);
        }
    }

    // One entry per survey (and one with its days), replaced when it is read again. A national install keeps years of
    // surveys: past Capacity entries (about 0.1-0.2 MB each), the tenth read longest ago are dropped (read again if asked for).
    public sealed class Cache
    {
        public const int Capacity = 600;
        private long _reads;

        public ConcurrentDictionary<(string Slug, bool WithDays), Entry> Entries { get; } = new();

        public ReportInputs Read(Entry entry)
        {
            entry.LastRead = Interlocked.Increment(ref _reads);
            return entry.Inputs;
        }

        public void Keep((string Slug, bool WithDays) key, Entry entry)
        {
            entry.LastRead = Interlocked.Increment(ref _reads);
            Entries[key] = entry;
            if (Entries.Count <= Capacity) return;
            foreach (var old in Entries.OrderBy(e => e.Value.LastRead).Take(Capacity / 10).ToList())
                Entries.TryRemove(old);
        }
    }
}
