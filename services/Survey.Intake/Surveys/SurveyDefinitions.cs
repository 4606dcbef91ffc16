using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Polly;
using Survey.Domain.Surveys;

namespace Survey.Intake.Surveys;

// Where Intake gets survey definitions: over HTTP from the Staff API, or in process when embedded.
public interface ISurveyDefinitionSource
{
    // The survey, or null when there is none with that slug.
    Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct);
}

public sealed class SurveyDefinitionsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

// Reads definitions from the Staff API with retry, timeout and a circuit breaker, caches them,
// and keeps serving the last good copy while the Staff API is down.
public sealed class HttpSurveyDefinitionSource : ISurveyDefinitionSource
{
    public const string ClientName = "ranking-api";
    private static readonly TimeSpan NotFoundCacheTime = TimeSpan.FromSeconds(3);
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _clock;
    private readonly IntakeOptions _options;
    private readonly ILogger<HttpSurveyDefinitionSource> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Cached>>> _inFlight = new(StringComparer.Ordinal);

    private sealed record Cached(SurveyDefinition? Survey, DateTimeOffset FetchedAt);

    public HttpSurveyDefinitionSource(IHttpClientFactory http, TimeProvider clock, IOptions<IntakeOptions> options, ILogger<HttpSurveyDefinitionSource> logger)
    {
        _http = http;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => (int)r.StatusCode >= 500);
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(5),
            })
            .AddTimeout(TimeSpan.FromSeconds(2))
            .Build();
    }

    public async Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct)
    {
        // "No such survey" is kept briefly, so a survey staff have just created is found soon.
        if (_cache.TryGetValue(slug, out var cached) &&
            _clock.GetUtcNow() - cached.FetchedAt < (cached.Survey is null ? NotFoundCacheTime : _options.DefinitionCacheTime))
            return cached.Survey;

        // One fetch per slug at a time, however many residents ask at once.
        var fetch = _inFlight.GetOrAdd(slug, s => new Lazy<Task<Cached>>(() => FetchAsync(s)));
        try
        {
            var fresh = await fetch.Value.WaitAsync(ct);
            _cache[slug] = fresh;
            return fresh.Survey;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (cached?.Survey is not null)
            {
                _logger.LogWarning(e, "Staff API unavailable; serving the cached definition of {Survey} from {FetchedAt}", slug, cached.FetchedAt);
                return cached.Survey;
            }
            throw new SurveyDefinitionsUnavailableException($"The definition of survey '{slug}' cannot be read now.", e);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<Cached>>>(slug, fetch));
        }
    }

    private async Task<Cached> FetchAsync(string slug)
    {
        using var response = await _pipeline.ExecuteAsync(
            async token => await _http.CreateClient(ClientName).GetAsync($"internal/v1/surveys/{Uri.EscapeDataString(slug)}", token), CancellationToken.None);
        if (response.StatusCode == HttpStatusCode.NotFound) return new Cached(null, _clock.GetUtcNow());
        response.EnsureSuccessStatusCode();
        var survey = await response.Content.ReadFromJsonAsync<SurveyDefinition>(CancellationToken.None);
        return new Cached(survey, _clock.GetUtcNow());
    }
}
