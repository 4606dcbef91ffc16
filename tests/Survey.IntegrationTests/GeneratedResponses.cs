using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Survey.IntegrationTests;

// Reproducible random responses, and what the ranking must say once all of them are counted.
public sealed class GeneratedResponses
{
    public static readonly string[] Concerns = ["narkotika", "inbrott", "vald-i-nara-relation", "trafik", "stold", "skadegorelse"];

    public GeneratedResponses(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var concerns = Concerns.Where(_ => random.NextDouble() < 0.35).ToArray();
            var priorities = concerns.OrderBy(_ => random.Next()).Take(3).ToArray();
            Bodies.Add(new JsonObject
            {
                ["responseId"] = Guid.NewGuid().ToString(),
                ["channel"] = random.Next(3) switch { 0 => "facebook", 1 => "webb", _ => "affisch" },
                ["concerns"] = new JsonArray([.. concerns.Select(c => JsonValue.Create(c))]),
                ["priorities"] = new JsonArray([.. priorities.Select(c => JsonValue.Create(c))]),
                ["safety"] = random.Next(1, 6),
                ["area"] = random.Next(2) == 0 ? "centrum" : "tore",
                ["ageGroup"] = "45-64",
            });
            foreach (var c in concerns) ExpectedCounts[c] = ExpectedCounts.GetValueOrDefault(c) + 1;
            for (var p = 0; p < priorities.Length; p++) ExpectedPoints[priorities[p]] = ExpectedPoints.GetValueOrDefault(priorities[p]) + 3 - p;
        }
    }

    public List<JsonObject> Bodies { get; } = [];
    public Dictionary<string, long> ExpectedCounts { get; } = [];
    public Dictionary<string, long> ExpectedPoints { get; } = [];

    // Posts every body with parallelism requests in flight; returns the status codes.
    public async Task<List<HttpStatusCode>> PostAllAsync(HttpClient client, string slug, int parallelism)
    {
        var statuses = new HttpStatusCode[Bodies.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, Bodies.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (i, ct) =>
            {
                using var response = await client.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", Bodies[i], ct);
                statuses[i] = response.StatusCode;
            });
        return [.. statuses];
    }

    public void AssertRanking(JsonNode ranking)
    {
        ranking["respondents"]!.GetValue<long>().Should().Be(Bodies.Count);
        ranking["answeredConcerns"]!.GetValue<long>().Should().Be(Bodies.Count);
        foreach (var concern in ranking["concerns"]!.AsArray())
        {
            var code = concern!["code"]!.GetValue<string>();
            concern["count"]!.GetValue<long>().Should().Be(ExpectedCounts.GetValueOrDefault(code), $"the count of {code}");
            concern["priorityPoints"]!.GetValue<long>().Should().Be(ExpectedPoints.GetValueOrDefault(code), $"the priority points of {code}");
        }
    }
}
