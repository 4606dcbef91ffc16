using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Survey.IntegrationTests.Cluster;

// A resident's page behind a load balancer: posts each generated response to the Intakes in turn and, on a 503 or a
// broken connection, posts the same body (the same responseId) to the other Intake until one answers 202.
public sealed class FailoverPoster(IReadOnlyList<HttpClient> intakes)
{
    private long _accepted;
    private long _retried503;
    private long _retriedBroken;
    private long _lastAcceptedTicks;
    private long _longestPauseTicks;
    private readonly long[] _downUntilTicks = new long[intakes.Count];

    public long AcceptedSoFar => Interlocked.Read(ref _accepted);
    public long Retried503 => Interlocked.Read(ref _retried503);
    public long RetriedBroken => Interlocked.Read(ref _retriedBroken);
    // The longest time between two 202s while posting: how long the fault held residents up.
    public TimeSpan LongestPause => TimeSpan.FromTicks(Interlocked.Read(ref _longestPauseTicks));
    public ConcurrentDictionary<int, HttpStatusCode> Final { get; } = new();

    // Posts every body with parallelism requests in flight; returns the indexes of the bodies that got a 202.
    public async Task<IReadOnlySet<int>> PostAllAsync(GeneratedResponses responses, string slug, int parallelism, TimeSpan giveUpAfter)
    {
        var clock = Stopwatch.StartNew();
        Interlocked.Exchange(ref _lastAcceptedTicks, 0);
        await Parallel.ForEachAsync(Enumerable.Range(0, responses.Bodies.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (i, ct) => Final[i] = await PostOneAsync(responses.Bodies[i], slug, i % intakes.Count, clock, giveUpAfter, ct));
        return Final.Where(kv => kv.Value == HttpStatusCode.Accepted).Select(kv => kv.Key).ToHashSet();
    }

    private async Task<HttpStatusCode> PostOneAsync(JsonObject body, string slug, int first, Stopwatch clock, TimeSpan giveUpAfter, CancellationToken ct)
    {
        var deadline = clock.Elapsed + giveUpAfter;
        for (var attempt = 0; ; attempt++)
        {
            var index = Pick(first + attempt, clock);
            var intake = intakes[index];
            HttpStatusCode status;
            try
            {
                using var response = await intake.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", body, ct);
                status = response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Refused, reset or timed out: whether that Intake published it is unknown, so the same id goes again.
                Interlocked.Increment(ref _retriedBroken);
                // As a load balancer's health check would, send nothing new there for a second.
                Interlocked.Exchange(ref _downUntilTicks[index], (clock.Elapsed + TimeSpan.FromSeconds(1)).Ticks);
                if (clock.Elapsed > deadline) return HttpStatusCode.ServiceUnavailable;
                await Task.Delay(attempt < intakes.Count ? 0 : 200, ct);
                continue;
            }
            if (status == HttpStatusCode.Accepted)
            {
                Accepted(clock);
                return status;
            }
            if (status != HttpStatusCode.ServiceUnavailable || clock.Elapsed > deadline) return status;
            Interlocked.Increment(ref _retried503);
            // The other Intake at once; both refusing means the broker is away for everyone: wait a little.
            await Task.Delay(attempt % intakes.Count == intakes.Count - 1 ? 250 : 0, ct);
        }
    }

    // The Intake at turn, or the next one not marked down; all marked down: the one at turn.
    private int Pick(int turn, Stopwatch clock)
    {
        var now = clock.Elapsed.Ticks;
        for (var k = 0; k < intakes.Count; k++)
        {
            var index = (turn + k) % intakes.Count;
            if (Interlocked.Read(ref _downUntilTicks[index]) <= now) return index;
        }
        return turn % intakes.Count;
    }

    private void Accepted(Stopwatch clock)
    {
        Interlocked.Increment(ref _accepted);
        var now = clock.Elapsed.Ticks;
        var last = Interlocked.Exchange(ref _lastAcceptedTicks, now);
        var pause = now - last;
        long longest;
        while (pause > (longest = Interlocked.Read(ref _longestPauseTicks)) && last > 0)
            if (Interlocked.CompareExchange(ref _longestPauseTicks, pause, longest) == longest) break;
    }

    // The ranking counts exactly the responses that got a 202: respondents, each concern's count and priority points.
    public static void AssertTallied(GeneratedResponses responses, IReadOnlySet<int> accepted, JsonNode ranking)
    {
        var counts = new Dictionary<string, long>();
        var points = new Dictionary<string, long>();
        foreach (var i in accepted)
        {
            foreach (var concern in responses.Bodies[i]["concerns"]!.AsArray()) counts[concern!.GetValue<string>()] = counts.GetValueOrDefault(concern!.GetValue<string>()) + 1;
            var priorities = responses.Bodies[i]["priorities"]!.AsArray();
            for (var p = 0; p < priorities.Count; p++) points[priorities[p]!.GetValue<string>()] = points.GetValueOrDefault(priorities[p]!.GetValue<string>()) + 3 - p;
        }
        ranking["respondents"]!.GetValue<long>().Should().Be(accepted.Count, "every response that got a 202 is counted once");
        ranking["concerns"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()).Should().Contain(counts.Keys);
        foreach (var concern in ranking["concerns"]!.AsArray())
        {
            var code = concern!["code"]!.GetValue<string>();
            concern["count"]!.GetValue<long>().Should().Be(counts.GetValueOrDefault(code), $"the count of {code}");
            concern["priorityPoints"]!.GetValue<long>().Should().Be(points.GetValueOrDefault(code), $"the priority points of {code}");
        }
    }
}
