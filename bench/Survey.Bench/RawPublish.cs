using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;

namespace Survey.Bench;

// The publish baseline: raw RabbitMQ.Client 7, persistent messages of a response's size to a quorum queue, publisher
// confirms with many publishes in flight on one channel (what ENVIRONMENT.md measured at ~19,000/s on this machine kind).
public static class RawPublish
{
    private const int InFlight = 256;
    private const string Queue = "bench-raw-publish";

    public static async Task<int> RunAsync(Uri broker, TimeSpan duration)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null));
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await channel.QueuePurgeAsync(Queue);
        var body = JsonSerializer.SerializeToUtf8Bytes(Responses.Next(new Random(1), "bench", "2514"));
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };

        using var slots = new SemaphoreSlim(InFlight);
        var confirmed = 0L;
        var failed = 0L;
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        while (clock.Elapsed < duration)
        {
            await slots.WaitAsync();
            pending.Add(PublishOneAsync());
            if (pending.Count > 10_000) pending.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(pending);
        var seconds = clock.Elapsed.TotalSeconds;
        await channel.QueueDeleteAsync(Queue);
        Console.WriteLine(Responses.Result(("rps", confirmed / seconds), ("confirmed", confirmed), ("failed", failed), ("bytes", body.Length)));
        return failed == 0 ? 0 : 1;

        async Task PublishOneAsync()
        {
            try
            {
                await channel.BasicPublishAsync("", Queue, mandatory: true, properties, body);
                Interlocked.Increment(ref confirmed);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
