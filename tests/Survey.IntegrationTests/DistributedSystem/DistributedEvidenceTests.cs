using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Survey.IntegrationTests;

// Crime statistics and the pledge on the real PostgreSQL store, through the Staff API: stored, read back, weighed into the
// proposal, and the pledge's progress kept.
[Collection(DistributedCollection.Name)]
public class DistributedEvidenceTests(DistributedSystem system)
{
    [Fact]
    public async Task Crime_statistics_imported_into_postgresql_are_shown_and_weighed_and_a_pledge_with_progress_is_kept()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "inbrott", "trafik"]);
        for (var i = 0; i < 10; i++)
        {
            string[] concerns = [.. i < 5 ? new[] { "trafik" } : [], .. i < 4 ? new[] { "narkotika" } : [], .. i < 3 ? new[] { "inbrott" } : []];
            (await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", new { concerns })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        }
        await system.WaitForRespondentsAsync(slug, 10, TimeSpan.FromSeconds(60));

        // Kalix 2025 against 2024 and the country: drugs three times the national rate, burglary and traffic as the country.
        var csv = "Region;År;Brott;Antal;Per 100 000 invånare\n" +
            "Kalix;2025;Narkotikabrott;250;1550,0\nKalix;2024;Narkotikabrott;200;1240,0\nRiket;2025;Narkotikabrott;54000;516,7\n" +
            "Kalix;2025;Bostadsinbrott;20;124,0\nRiket;2025;Bostadsinbrott;13000;124,0\n" +
            "Kalix;2025;Rattfylleri;35;217,0\nRiket;2025;Rattfylleri;22700;217,0\n";
        var import = await system.RankingClient.PostAsync("api/v1/staff/crime-statistics", new StringContent(csv, Encoding.UTF8, "text/csv"));
        import.StatusCode.Should().Be(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        // A second import of the same rows replaces them (the PostgreSQL upsert), it does not add to them.
        (await system.RankingClient.PostAsync("api/v1/staff/crime-statistics", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var ranking = await system.RankingAsync(slug);
        var drugs = ranking["crimeStatistics"]!["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "narkotika")!;
        drugs["count"]!.GetValue<long>().Should().Be(250);
        drugs["ratePer100k"]!.GetValue<double>().Should().Be(1550.0);
        drugs["change"]!.GetValue<double>().Should().BeApproximately(310.0, 1e-9);
        drugs["ratioToNational"]!.GetValue<double>().Should().BeApproximately(1550.0 / 516.7, 1e-9);
        // Survey: trafik 50 %, narkotika 40 %, inbrott 30 %. Crime (÷ the largest ratio): narkotika 1, the others 1/3.
        var evidence = ranking["evidence"]!["rows"]!.AsArray();
        double Score(string code) => evidence.Single(r => r!["code"]!.GetValue<string>() == code)!["score"]!.GetValue<double>();
        Score("narkotika").Should().BeApproximately((0.6 * 0.8 + 0.15 * 1) / 0.75, 1e-9);
        Score("trafik").Should().BeApproximately((0.6 * 1 + 0.15 * (217.0 / 217.0) / (1550.0 / 516.7)) / 0.75, 1e-9);

        var pledge = await system.RankingClient.PutAsJsonAsync($"api/v1/staff/surveys/{slug}/pledge", new
        {
            focusAreas = new object[] { new { concern = "narkotika", why = "Många nämnde langning vid busstationen." } },
            activities = new object[] { new { code = "vandringar", text = "Minst två trygghetsvandringar per år", target = 2, unit = "trygghetsvandringar" } },
            signedOn = "2027-02-01",
        });
        pledge.StatusCode.Should().Be(HttpStatusCode.OK, await pledge.Content.ReadAsStringAsync());
        (await system.RankingClient.PostAsJsonAsync($"api/v1/staff/surveys/{slug}/pledge/progress",
            new { date = "2027-04-10", text = "Första vandringen.", activity = "vandringar", done = 1 })).StatusCode.Should().Be(HttpStatusCode.Created);

        var stored = JsonNode.Parse(await system.RankingClient.GetStringAsync($"api/v1/staff/surveys/{slug}/pledge"))!;
        Strings(stored).Should().Contain("Många nämnde langning vid busstationen.").And.Contain("Första vandringen.");
    }

    // Every string value in a JSON document, wherever it sits.
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
