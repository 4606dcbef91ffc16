using System.Diagnostics;
using MassTransit;
using Survey.Contracts;

namespace Survey.Bench;

// Fills the worker's queue (the worker stopped) with COUNT responses as Intake publishes them: batches through MassTransit.
public static class Prefill
{
    public static async Task<int> RunAsync(Uri broker, string slug, int count, int batchSize)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker, h => h.PublisherConfirmation = true));
        await bus.StartAsync();
        try
        {
            var random = new Random(7);
            var clock = Stopwatch.StartNew();
            var batches = Enumerable.Range(0, (count + batchSize - 1) / batchSize)
                .Select(b => new SurveyResponseBatchSubmitted
                {
                    Responses = [.. Enumerable.Range(0, Math.Min(batchSize, count - b * batchSize)).Select(_ => Responses.Next(random, slug, "2514"))],
                })
                .ToList();
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (batch, ct) => await bus.Publish(batch, ct));
            Console.WriteLine(Responses.Result(("published", count), ("seconds", clock.Elapsed.TotalSeconds)));
            return 0;
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
