using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Survey.IntegrationTests;

// A dialogue through the real pipeline: Staff API -> RabbitMQ -> worker -> PostgreSQL -> the ranking.
[Collection(DistributedCollection.Name)]
public class DistributedDialogueTests(DistributedSystem system)
{
    private async Task<Guid> PostAsync(string slug, object body)
    {
        var response = await system.RankingClient.PostAsJsonAsync($"api/v1/staff/surveys/{slug}/dialogues", body);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["dialogueId"]!.GetValue<Guid>();
    }

    private static long? Raised(JsonNode ranking, string code) =>
        ranking["dialogues"]!["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == code)!["raised"]?.GetValue<long>();

    // Waits until the ranking's dialogue summary satisfies done, or the time is up; returns the last ranking.
    private async Task<JsonNode> WaitForAsync(string slug, Func<JsonNode, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var ranking = await system.RankingAsync(slug);
        while (!done(ranking) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            ranking = await system.RankingAsync(slug);
        }
        return ranking;
    }

    [Fact]
    public async Task A_dialogue_sent_twice_and_then_corrected_travels_through_rabbitmq_to_postgresql_and_counts_once()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "trafik"]);
        var body = new Dictionary<string, object?>
        {
            ["type"] = "trygghetsvandring", ["date"] = "2026-10-14", ["area"] = "centrum", ["place"] = "Torget",
            ["location"] = new { lat = 65.8536, lon = 23.1424 }, ["participants"] = 25,
            ["concerns"] = new Dictionary<string, int> { ["narkotika"] = 12, ["trafik"] = 4 },
        };
        var id = await PostAsync(slug, body);
        body["dialogueId"] = id;
        await PostAsync(slug, body);

        var ranking = await WaitForAsync(slug, r => r["dialogues"]!["dialogues"]!.GetValue<int>() >= 1, TimeSpan.FromSeconds(30));
        // Sent twice, it is one dialogue, whichever version the worker stored last.
        ranking["dialogues"]!["dialogues"]!.GetValue<int>().Should().Be(1);
        ranking["dialogues"]!["participants"]!.GetValue<long>().Should().Be(25);
        Raised(ranking, "narkotika").Should().Be(12);

        body["concerns"] = new Dictionary<string, int> { ["narkotika"] = 3 };
        await PostAsync(slug, body);
        ranking = await WaitForAsync(slug, r => Raised(r, "narkotika") == 3, TimeSpan.FromSeconds(30));
        Raised(ranking, "narkotika").Should().Be(3, "the correction replaces the 12, it does not make 15");
        ranking["dialogues"]!["dialogues"]!.GetValue<int>().Should().Be(1);

        var geo = await system.RankingClient.GetAsync($"api/v1/staff/surveys/{slug}/dialogues?format=geojson");
        geo.Content.Headers.ContentType!.MediaType.Should().Be("application/geo+json");
        var feature = JsonNode.Parse(await geo.Content.ReadAsStringAsync())!["features"]!.AsArray().Should().ContainSingle().Subject!;
        feature["geometry"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>()).Should().Equal(23.1424, 65.8536);
    }
}
