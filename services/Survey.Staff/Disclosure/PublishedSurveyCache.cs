using System.Collections.Concurrent;
using System.Text.Json;
using Survey.Domain.Disclosure;
using Survey.Domain.Surveys;

namespace Survey.Staff.Disclosure;

// The gate's last answer per survey and version: a dashboard, its exports and the API ask for the same
// survey again and again between two answers, and the gate's audit is the costly part of a read. One
// entry per survey (and one with its days), replaced when the version changes, and no more than Capacity.
public sealed class PublishedSurveyCache
{
    private readonly ConcurrentDictionary<string, (string Version, PublishedSurvey Published)> _entries = new(StringComparer.Ordinal);

    // What of a survey's definition the gate reads: all of it (floors, lists, population table).
    public static string Version(SurveyDefinition survey) => JsonSerializer.Serialize(survey);

    // Past Capacity entries (a national install keeps years of surveys), a tenth of them make room; read again if asked for.
    public const int Capacity = 600;

    public async Task<PublishedSurvey> GetOrAddAsync(string key, string version, Func<Task<PublishedSurvey>> publish)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version) return entry.Published;
        var published = await publish();
        _entries[key] = (version, published);
        if (_entries.Count > Capacity)
            foreach (var other in _entries.Keys.Where(k => k != key).Take(Capacity / 10).ToList()) _entries.TryRemove(other, out _);
        return published;
    }
}
