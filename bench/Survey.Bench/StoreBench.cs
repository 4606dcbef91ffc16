using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Survey.Contracts;
using Survey.Domain.Municipalities;
using Survey.Domain.Surveys;
using Survey.Store;

namespace Survey.Bench;

// The store used as the worker uses it, without RabbitMQ or the worker around it.
public static class StoreBench
{
    // The worker's baseline: the same batched upsert (IResponseStore.RecordAsync, 500 responses a transaction as the
    // worker's recorder writes them), one transaction after another, straight to PostgreSQL.
    public static async Task<int> BatchedUpsertAsync(string postgres, int count)
    {
        using var host = await StartStoreAsync(postgres);
        var store = host.Services.GetRequiredService<IResponseStore>();
        await EnsureSurveyAsync(host, "bench-sql", "2514");
        var random = new Random(11);
        var batches = Enumerable.Range(0, count / 500).Select(_ => Enumerable.Range(0, 500).Select(_ => Responses.Next(random, "bench-sql", "2514")).ToList()).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches) await store.RecordAsync(batch, CancellationToken.None);
        Console.WriteLine(Responses.Result(("rps", batches.Count * 500 / clock.Elapsed.TotalSeconds), ("responses", batches.Count * 500)));
        await host.StopAsync();
        return 0;
    }

    // The ranking's data: a survey for each of the 290 municipalities (slug bench-<code>) and this many responses spread
    // over them, stored through the store (tallies and all), as a national campaign would leave it.
    public static async Task<int> SeedAsync(string postgres, int total)
    {
        using var host = await StartStoreAsync(postgres);
        var store = host.Services.GetRequiredService<IResponseStore>();
        var municipalities = MunicipalityRegistry.All.Select(m => m.Code).Order().ToList();
        foreach (var code in municipalities) await EnsureSurveyAsync(host, "bench-" + code, code);
        var clock = Stopwatch.StartNew();
        var written = 0L;
        await Parallel.ForEachAsync(municipalities.Select((code, i) => (code, i)), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (m, ct) =>
        {
            var random = new Random(m.i);
            var share = total / municipalities.Count + (m.i < total % municipalities.Count ? 1 : 0);
            for (var done = 0; done < share; done += 1000)
            {
                var batch = Enumerable.Range(0, Math.Min(1000, share - done)).Select(_ => Responses.Next(random, "bench-" + m.code, m.code)).ToList();
                await store.RecordAsync(batch, ct);
                Interlocked.Add(ref written, batch.Count);
            }
        });
        Console.WriteLine(Responses.Result(("responses", written), ("surveys", municipalities.Count), ("seconds", clock.Elapsed.TotalSeconds)));
        await host.StopAsync();
        return 0;
    }

    private static async Task<IHost> StartStoreAsync(string postgres)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = postgres;
        builder.Logging.ClearProviders();
        builder.AddSurveyStore();
        var host = builder.Build();
        await host.StartAsync(); // applies the schema
        return host;
    }

    private static async Task EnsureSurveyAsync(IHost host, string slug, string municipality)
    {
        var surveys = host.Services.GetRequiredService<ISurveyStore>();
        if (await surveys.FindAsync(slug, CancellationToken.None) is not null) return;
        await surveys.CreateAsync(new SurveyDefinition
        {
            Slug = slug,
            MunicipalityCode = municipality,
            PledgePeriodStart = new DateOnly(2027, 1, 1),
            PledgePeriodEnd = new DateOnly(2027, 12, 31),
            OpensAt = DateTimeOffset.UtcNow.AddDays(-30),
            ClosesAt = DateTimeOffset.UtcNow.AddDays(30),
            Languages = ["sv"],
            Areas = [.. Responses.AreaCodes.Select(a => new Option(a, a))],
            Concerns = Responses.ConcernCodes,
        }, CancellationToken.None);
    }
}
