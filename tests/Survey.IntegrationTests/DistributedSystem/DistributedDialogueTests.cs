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

    [Fact]
    public async Task A_dialogue_recorded_on_the_staff_page_moves_the_proposal_through_rabbitmq_as_the_weights_say_and_counts_once_when_sent_twice()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "inbrott", "trafik"]);
        for (var i = 0; i < 25; i++) // trafik 10 of 25, narkotika 9, inbrott 5
        {
            string[] concerns = [.. i < 10 ? new[] { "trafik" } : [], .. i >= 10 && i < 19 ? new[] { "narkotika" } : [], .. i >= 19 && i < 24 ? new[] { "inbrott" } : []];
            var answer = await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", new { concerns });
            answer.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }
        await system.WaitForRespondentsAsync(slug, 25, TimeSpan.FromSeconds(60));

        // The page, signed in as a person is, posts twice (a double tap resends the same form, with its dialogue id the second time).
        var browser = await system.StaffPagesAsync();
        var page = $"staff/surveys/{slug}/dialoger";
        async Task<HttpResponseMessage> PostAsync(Guid? id)
        {
            var token = System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync(page),
                "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            var form = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["type"] = "trygghetsvandring", ["date"] = "2026-10-14", ["place"] = "Torget", ["participants"] = "25",
                ["concern-narkotika"] = "12", ["concern-trafik"] = "5",
            };
            if (id is { } d) form["dialogueId"] = d.ToString();
            return await browser.PostAsync(page, new FormUrlEncodedContent(form));
        }
        (await PostAsync(null)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var ranking = await WaitForAsync(slug, r => r["dialogues"]!["dialogues"]!.GetValue<int>() >= 1, TimeSpan.FromSeconds(30));
        var id = JsonNode.Parse(await system.RankingClient.GetStringAsync($"api/v1/staff/surveys/{slug}/dialogues"))!["dialogues"]![0]!["dialogueId"]!.GetValue<Guid>();
        (await PostAsync(id)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await Task.Delay(TimeSpan.FromSeconds(2));
        // Crime statistics weigh 0 here: other tests import Kalix's (every survey of these tests is Kalix's), and this one is
        // about what the survey and the dialogue say.
        ranking = JsonNode.Parse(await system.RankingClient.GetStringAsync($"api/v1/staff/surveys/{slug}/ranking?weightCrimeStatistics=0"))!;

        ranking["dialogues"]!["dialogues"]!.GetValue<int>().Should().Be(1);
        ranking["dialogues"]!["participants"]!.GetValue<long>().Should().Be(25, "sent twice, the dialogue counts once");
        ranking["focusAreas"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).Should().Equal("narkotika", "trafik", "inbrott");
        ranking["evidence"]!["rows"]!.AsArray().Single(r => r!["code"]!.GetValue<string>() == "narkotika")!["score"]!.GetValue<double>()
            .Should().BeApproximately((0.6 * 0.9 + 0.25 * 1) / 0.85, 1e-9);
    }
}
