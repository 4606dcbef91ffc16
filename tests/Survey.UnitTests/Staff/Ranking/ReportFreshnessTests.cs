using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Survey.UnitTests.Domain.CrimeStatistics;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

// The ranking keeps what it read while nothing it reads has changed (SurveyReports): an analyst who reads it, and reads it
// again after an answer, a crime statistics import or a raised floor, sees the change at once, never the kept figures.
public class ReportFreshnessTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task AnswerAsync(string slug, params string[] concerns) =>
        (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", new { concerns }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

    private async Task<JsonNode> RankingAsync(string slug) =>
        (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/staff/surveys/{slug}/ranking"))!;

    private static JsonNode Concern(JsonNode ranking, string code) =>
        ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == code)!;

    [Fact]
    public async Task A_ranking_read_again_shows_a_new_answer_new_crime_statistics_and_a_raised_floor_at_once()
    {
        var slug = await _client.CreateSurveyAsync("fresh", concerns: ["narkotika", "trafik"]);
        await AnswerAsync(slug, "narkotika");
        await AnswerAsync(slug, "narkotika");
        await AnswerAsync(slug, "trafik");
        var first = await RankingAsync(slug);
        first["respondents"]!.GetValue<long>().Should().Be(3);
        (await RankingAsync(slug))["respondents"]!.GetValue<long>().Should().Be(3, "nothing changed in between");

        await AnswerAsync(slug, "trafik");
        var answered = await RankingAsync(slug);
        answered["respondents"]!.GetValue<long>().Should().Be(4);
        Concern(answered, "trafik")["count"]!.GetValue<long>().Should().Be(2);
        answered["crimeStatistics"].Should().BeNull();

        var import = await _client.PostAsync("/api/v1/staff/crime-statistics",
            new StringContent(ReportedOffencesCsvTests.Sample(), Encoding.UTF8, "text/csv"));
        import.StatusCode.Should().Be(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        (await RankingAsync(slug))["crimeStatistics"].Should().NotBeNull("Kalix's and the country's figures were imported");

        // An admin raises the floor to 3: trafik's 2 answers are hidden from the next read.
        var raise = await _client.PutAsJsonAsync($"/api/v1/staff/surveys/{slug}",
            TestSurveys.Request(slug, concerns: ["narkotika", "trafik"], minimumCellSize: 3));
        raise.StatusCode.Should().Be(HttpStatusCode.OK, await raise.Content.ReadAsStringAsync());
        var raised = await RankingAsync(slug);
        Concern(raised, "trafik")["count"].Should().BeNull();
        Concern(raised, "trafik")["suppressed"]!.GetValue<bool>().Should().BeTrue();
        Concern(raised, "narkotika")["count"].Should().BeNull("2 is under 3 too");
    }

    [Fact]
    public async Task A_survey_moved_to_another_municipality_is_refused_at_once_to_analysts_of_the_first()
    {
        var slug = await _client.CreateSurveyAsync("moved", concerns: ["narkotika", "trafik"]);
        await AnswerAsync(slug, "trafik");
        var kalix = Analyst("2514");
        (await kalix.GetAsync($"/api/v1/staff/surveys/{slug}/ranking")).StatusCode.Should().Be(HttpStatusCode.OK);

        // A mistake corrected: the survey was Haparanda's (2583).
        var move = await _client.PutAsJsonAsync($"/api/v1/staff/surveys/{slug}",
            TestSurveys.Request(slug, municipality: "2583", concerns: ["narkotika", "trafik"]));
        move.StatusCode.Should().Be(HttpStatusCode.OK, await move.Content.ReadAsStringAsync());

        (await kalix.GetAsync($"/api/v1/staff/surveys/{slug}/ranking")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await kalix.GetAsync($"/api/v1/staff/surveys/{slug}/ranking?format=csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Analyst("2583").GetAsync($"/api/v1/staff/surveys/{slug}/ranking")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private HttpClient Analyst(string municipality)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", factory.Token(["analyst"], [municipality]));
        return client;
    }
}
