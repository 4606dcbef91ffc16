using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

public class BreakdownTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_breakdown_by_area_shows_each_area_and_hides_small_cells_so_they_cannot_be_worked_out()
    {
        var slug = await _client.CreateSurveyAsync("by", concerns: ["narkotika", "vald-i-nara-relation"],
            areas: [new("centrum", "Kalix centrum"), new("tore", "Töre"), new("sangis", "Sangis")], minimumCellSize: 5);
        async Task Post(string area, params string[] concerns)
        {
            var body = $$"""{"area":"{{area}}","concerns":[{{string.Join(",", concerns.Select(c => $"\"{c}\""))}}]}""";
            (await _client.PostAsync($"/api/v1/public/surveys/{slug}/responses", new StringContent(body, Encoding.UTF8, "application/json")))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        }
        for (var i = 0; i < 12; i++) await Post("centrum", i < 8 ? ["narkotika"] : ["narkotika", "vald-i-nara-relation"]); // violence 4 < 5
        for (var i = 0; i < 10; i++) await Post("tore", i < 6 ? ["narkotika", "vald-i-nara-relation"] : []);             // violence 6
        for (var i = 0; i < 7; i++) await Post("sangis", i < 5 ? ["vald-i-nara-relation"] : ["narkotika"]);              // violence 5, drugs 2 < 5

        var ranking = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?by=area"))!;

        var groups = ranking["breakdown"]!["groups"]!.AsArray();
        groups.Select(g => g!["label"]!.GetValue<string>()).Should().Equal("Kalix centrum", "Sangis", "Töre");
        long? Count(string area, string concern) =>
            groups.Single(g => g!["value"]!.GetValue<string>() == area)!["concerns"]!.AsArray()
                .Single(c => c!["code"]!.GetValue<string>() == concern)!["count"]?.GetValue<long>();
        Count("centrum", "vald-i-nara-relation").Should().BeNull("4 is below the minimum of 5");
        Count("sangis", "vald-i-nara-relation").Should().BeNull("with only one hidden, it would be 15 − 6 − 5");
        Count("tore", "vald-i-nara-relation").Should().Be(6);
        Count("sangis", "narkotika").Should().BeNull("2 is below the minimum");
        Count("tore", "narkotika").Should().BeNull("the smallest other drugs figure is hidden with it");
        Count("centrum", "narkotika").Should().Be(12);
        ranking["breakdown"]!["suppressionRule"]!.GetValue<string>().Should().Contain("at least 5");
        groups.Single(g => g!["value"]!.GetValue<string>() == "tore")!["concerns"]![1]!["share"]!.GetValue<double>().Should().BeApproximately(0.6, 1e-9);
    }

    [Fact]
    public async Task Groups_read_as_Swedish_labels()
    {
        var slug = await _client.CreateSurveyAsync("by-labels");
        foreach (var body in new object[] { new { ageGroup = "16-24", gender = "kvinna", channel = "affisch" }, new { ageGroup = "85+", gender = "man" } })
            (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", body)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        async Task<IEnumerable<string>> Labels(string by) =>
            JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?by={by}"))!["breakdown"]!["groups"]!.AsArray()
                .Select(g => g!["label"]!.GetValue<string>());

        (await Labels("ageGroup")).Should().Equal("16–24 år", "85+ år");
        (await Labels("gender")).Should().Equal("Kvinna", "Man");
        (await Labels("channel")).Should().Equal("Affisch", "Direktlänk (ingen kanal)");
    }

    [Fact]
    public async Task An_unknown_breakdown_is_named()
    {
        var response = await _client.GetAsync("/api/v1/staff/surveys/demo/ranking?by=shoeSize");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"by\"").And.Contain("ageGroup");
    }
}
