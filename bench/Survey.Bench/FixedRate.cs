using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Survey.Bench;

// Open-loop load: answers posted to Intake at a fixed rate, each sent at its scheduled moment whether or not the ones
// before have been answered (wrk keeps a fixed number of requests in flight instead, so it always drives the system to
// its limit, where latency is the queue in front of it). A request's latency counts from its scheduled moment, so a
// stall shows in the figures instead of delaying the requests that would have measured it.
public static class FixedRate
{
    public static async Task<int> RunAsync(Uri intake, string slug, double rate, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = intake,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var random = new Random(5);
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var accepted = 0;
        var failed = 0;
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var scheduled = TimeSpan.FromSeconds(i / rate);
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var r = Responses.Next(random, slug, "2514");
            var body = JsonSerializer.Serialize(new
            {
                responseId = r.ResponseId, channel = r.Channel, concerns = r.Concerns, priorities = r.Priorities,
                safety = r.Safety, area = r.Area, ageGroup = r.AgeGroup, gender = r.Gender,
            });
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await http.PostAsync($"api/v1/public/surveys/{slug}/responses",
                        new StringContent(body, Encoding.UTF8, "application/json"));
                    if (response.StatusCode == HttpStatusCode.Accepted) Interlocked.Increment(ref accepted);
                    else Interlocked.Increment(ref failed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        Console.WriteLine(Responses.Result(("requests", total), ("accepted", accepted), ("errors", failed),
            ("offered", rate), ("rps", accepted / elapsed.TotalSeconds),
            ("p50", Percentile(latencies, 50)), ("p90", Percentile(latencies, 90)), ("p99", Percentile(latencies, 99)),
            ("max", latencies.Length > 0 ? latencies[^1] : 0)));
        return 0;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
