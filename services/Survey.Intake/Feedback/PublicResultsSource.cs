using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net;
using Microsoft.Extensions.Logging;
using Survey.Domain.Pledges;
using Survey.Intake.Surveys;

namespace Survey.Intake.Feedback;

// Where the public results page gets what it may show: over HTTP from the Staff API's /internal/v1 (which puts it
// together from the disclosure gate's figures), or in process when embedded. Intake itself never sees a count.
public interface IPublicResultsSource
{
    // Null when there is no survey with that slug.
    Task<PublicResults?> FindAsync(string slug, CancellationToken ct);
}

public sealed class PublicResultsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

// Reads the results from the Staff API and keeps them a short while: a page many residents open at once asks once, and
// while the Staff API is down the last good copy is shown.
public sealed class HttpPublicResultsSource(IHttpClientFactory http, TimeProvider clock, ILogger<HttpPublicResultsSource> logger) : IPublicResultsSource
{
    private static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (PublicResults? Results, DateTimeOffset FetchedAt)> _cache = new(StringComparer.Ordinal);

    public async Task<PublicResults?> FindAsync(string slug, CancellationToken ct)
    {
        if (_cache.TryGetValue(slug, out var cached) && clock.GetUtcNow() - cached.FetchedAt < CacheTime) return cached.Results;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            using var response = await http.CreateClient(HttpSurveyDefinitionSource.ClientName)
                .GetAsync($"internal/v1/surveys/{Uri.EscapeDataString(slug)}/results", timeout.Token);
            var results = response.StatusCode == HttpStatusCode.NotFound
                ? null
                : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<PublicResults>(timeout.Token);
            _cache[slug] = (results, clock.GetUtcNow());
            return results;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            if (cached.Results is not null)
            {
                logger.LogWarning(e, "Staff API unavailable; serving the cached results of {Survey} from {FetchedAt}", slug, cached.FetchedAt);
                return cached.Results;
            }
            throw new PublicResultsUnavailableException($"The results of survey '{slug}' cannot be read now.", e);
        }
    }
}
