using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

// "Nämnt i fritext": concerns the classifier reads in the free text, beside the ticked boxes and never in them.
public class FreeTextMentionTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_ranking_shows_free_text_mentions_apart_from_the_ticked_counts_and_hides_a_small_one()
    {
        var slug = await _client.CreateSurveyAsync("fritext", concerns: ["narkotika", "inbrott", "trafik"], minimumCellSize: 5);
        async Task Answer(string[] concerns, string freeText) =>
            (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", new { concerns, freeText }))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        for (var i = 0; i < 6; i++) await Answer([], "Det langas knark vid skolan");
        for (var i = 0; i < 2; i++) await Answer(["trafik"], "inbrott i förråden");
        for (var i = 0; i < 5; i++) await Answer(["trafik"], "Bra kommun");

        var ranking = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking"))!;
        var concerns = ranking["concerns"]!.AsArray().ToDictionary(c => (string)c!["code"]!, c => c!);

        ((long?)concerns["narkotika"]["mentionedInFreeText"]).Should().Be(6);
        ((long?)concerns["narkotika"]["count"]).Should().Be(0, "a mention is not a ticked box");
        concerns["inbrott"]["mentionedInFreeText"].Should().BeNull("two mentions are fewer than the floor of 5");
        ((long?)concerns["trafik"]["mentionedInFreeText"]).Should().Be(0);
        ((long?)concerns["trafik"]["count"]).Should().Be(7);

        var csv = await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?format=csv");
        csv.Should().Contain("Nämnt i fritext").And.NotContain("langas", "free text stays out of the exports");
    }
}
