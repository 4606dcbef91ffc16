using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

public class RankingSuppressionTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject Json(object request) =>
        System.Text.Json.JsonSerializer.SerializeToNode(request, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.AsObject();

    [Fact]
    public async Task Survey_wide_figures_under_the_floor_are_hidden_and_never_proposed()
    {
        var slug = "sup-" + Guid.NewGuid().ToString("N")[..8];
        var body = Json(TestSurveys.Request(slug, concerns: ["narkotika", "trafik", "vald-i-nara-relation"], minimumCellSize: 5));
        body["minimumCellSizeByConcern"] = new JsonObject { ["vald-i-nara-relation"] = 10 };
        (await _client.PostAsync("/api/v1/staff/surveys", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        for (var i = 0; i < 12; i++)
        {
            var concerns = new List<string> { "narkotika" };
            if (i < 3) concerns.Add("trafik");            // 3: under 5
            if (i < 7) concerns.Add("vald-i-nara-relation"); // 7: under its own floor of 10
            (await _client.PostAsync($"/api/v1/public/surveys/{slug}/responses", JsonContent.Create(new { concerns, priorities = concerns.Take(1) })))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var ranking = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking"))!;

        JsonNode Concern(string code) => ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == code)!;
        Concern("narkotika")["count"]!.GetValue<long>().Should().Be(12);
        Concern("narkotika")["suppressed"]!.GetValue<bool>().Should().BeFalse();
        foreach (var hidden in new[] { "trafik", "vald-i-nara-relation" })
        {
            Concern(hidden)["suppressed"]!.GetValue<bool>().Should().BeTrue(hidden);
            Concern(hidden)["count"].Should().BeNull();
            Concern(hidden)["share"].Should().BeNull();
            Concern(hidden)["ciLow"].Should().BeNull();
        }
        Concern("narkotika")["statisticallyTiedWith"]!.AsArray().Should().BeEmpty("hidden concerns are left out of the ties");
        // Their order would tell which hidden count is larger (7 against 3): they share a rank, in code order.
        ranking["concerns"]!.AsArray().Select(c => (c!["code"]!.GetValue<string>(), c["rank"]!.GetValue<int>()))
            .Should().Equal(("narkotika", 1), ("trafik", 2), ("vald-i-nara-relation", 2));
        ranking["focusAreas"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).Should().Equal("narkotika");
        ranking["suppressionRule"]!.GetValue<string>().Should().Contain("at least 5").And.Contain("vald-i-nara-relation: 10");
        ranking["respondents"]!.GetValue<long>().Should().Be(12);
    }

    [Fact]
    public async Task A_hidden_concern_does_not_take_a_focus_area_from_the_next_shown_one()
    {
        var slug = "sup-" + Guid.NewGuid().ToString("N")[..8];
        var body = Json(TestSurveys.Request(slug, concerns: ["narkotika", "inbrott", "vald-i-nara-relation", "trafik"], minimumCellSize: 5));
        body["minimumCellSizeByConcern"] = new JsonObject { ["vald-i-nara-relation"] = 10 };
        (await _client.PostAsync("/api/v1/staff/surveys", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        for (var i = 0; i < 12; i++)
        {
            // narkotika 12, inbrott 9, vald-i-nara-relation 7 (under its floor of 10), trafik 6.
            var concerns = new List<string> { "narkotika" };
            if (i < 9) concerns.Add("inbrott");
            if (i < 7) concerns.Add("vald-i-nara-relation");
            if (i < 6) concerns.Add("trafik");
            (await _client.PostAsync($"/api/v1/public/surveys/{slug}/responses", JsonContent.Create(new { concerns })))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var ranking = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking"))!;

        ranking["focusAreas"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).Should().Equal("narkotika", "inbrott", "trafik");
        ranking["proposal"]!["focusAreas"]!.AsArray().Should().HaveCount(3);
        ranking["proposal"]!["draftPledge"]!.GetValue<string>().Should().NotContainAny("Våld i nära relation", "våld i nära relation");
    }

    [Fact]
    public async Task A_floor_for_a_concern_the_survey_does_not_ask_about_is_named()
    {
        var body = Json(TestSurveys.Request("floor-" + Guid.NewGuid().ToString("N")[..6]));
        body["minimumCellSizeByConcern"] = new JsonObject { ["extremism"] = 10 };

        var response = await _client.PostAsync("/api/v1/staff/surveys", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("minimumCellSizeByConcern.extremism");
    }
}
