using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;

namespace Survey.Bench;

// Lag from 202 to tally while the pipeline is under load: posts 20 answers a second of its own to Intake and, for each
// that got 202, notes when its row is in PostgreSQL (the worker writes the response and its tallies in one transaction,
// so the row's presence is the tally's). Reads the worker's queue depth each second to tell whether it grows.
public static class LagProbe
{
    public static async Task<int> RunAsync(Uri intake, string slug, string postgres, Uri broker, TimeSpan duration)
    {
        using var http = new HttpClient { BaseAddress = intake, Timeout = TimeSpan.FromSeconds(30) };
        await using var db = NpgsqlDataSource.Create(postgres);
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        var accepted = new Dictionary<Guid, long>();  // the id stored (ResponseIds.Stored of the id sent) → Stopwatch ticks at 202
        var lags = new List<double>();
        var depths = new List<(double Second, uint Depth)>();
        var clock = Stopwatch.StartNew();
        var random = new Random(3);
        var nextPost = TimeSpan.Zero;
        var nextDepth = TimeSpan.Zero;
        var rejected = 0;
        while (clock.Elapsed < duration || (accepted.Count > 0 && clock.Elapsed < duration + TimeSpan.FromSeconds(60)))
        {
            if (clock.Elapsed >= nextPost && clock.Elapsed < duration)
            {
                nextPost += TimeSpan.FromMilliseconds(50);
                var r = Responses.Next(random, slug, "2514");
                var body = JsonSerializer.Serialize(new
                {
                    responseId = r.ResponseId, channel = r.Channel, concerns = r.Concerns, priorities = r.Priorities,
                    safety = r.Safety, area = r.Area, ageGroup = r.AgeGroup, gender = r.Gender,
                });
                using var response = await http.PostAsync($"api/v1/public/surveys/{slug}/responses",
                    new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                if (response.StatusCode == HttpStatusCode.Accepted) accepted[Survey.Domain.Responses.ResponseIds.Stored(slug, r.ResponseId)] = clock.ElapsedTicks;
                else rejected++;
            }
            if (clock.Elapsed >= nextDepth && clock.Elapsed < duration)
            {
                nextDepth += TimeSpan.FromSeconds(1);
                var ok = await channel.QueueDeclarePassiveAsync("tally-survey-response");
                depths.Add((clock.Elapsed.TotalSeconds, ok.MessageCount));
            }
            if (accepted.Count > 0)
            {
                await using var query = db.CreateCommand("select response_id from responses where response_id = any(@ids)");
                query.Parameters.AddWithValue("ids", accepted.Keys.ToArray());
                await using var reader = await query.ExecuteReaderAsync();
                var now = clock.ElapsedTicks;
                while (await reader.ReadAsync())
                {
                    var id = reader.GetGuid(0);
                    lags.Add((now - accepted[id]) * 1000.0 / Stopwatch.Frequency);
                    accepted.Remove(id);
                }
            }
            await Task.Delay(5);
        }
        lags.Sort();
        // Growth: the least-squares slope of the queue's depth over the second half of the run, in messages per second.
        var half = depths.Where(d => d.Second >= duration.TotalSeconds / 2).ToList();
        var slope = Slope(half);
        Console.WriteLine(Responses.Result(
            ("lag_p50", Percentile(lags, 50)), ("lag_p99", Percentile(lags, 99)), ("lag_max", lags.Count > 0 ? lags[^1] : double.NaN),
            ("samples", lags.Count), ("never_counted", accepted.Count), ("rejected", rejected),
            ("depth_max", depths.Count > 0 ? depths.Max(d => d.Depth) : 0), ("depth_end", depths.Count > 0 ? depths[^1].Depth : 0),
            ("depth_slope", slope)));
        return accepted.Count == 0 ? 0 : 1;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double Slope(List<(double X, uint Y)> points)
    {
        if (points.Count < 2) return 0;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => (double)p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        return sxx == 0 ? 0 : points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
    }
}
