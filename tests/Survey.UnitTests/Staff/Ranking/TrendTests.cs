using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Survey.Domain.Ranking;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

public class TrendTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<string> SurveyAsync(string municipality, int year) => _client.CreateSurveyAsync($"trend-{year}", municipality, year);

    private async Task AnswerAsync(string slug, int naming, int total)
    {
        for (var i = 0; i < total; i++)
        {
            var body = i < naming ? """{"concerns":["narkotika"]}""" : """{"concerns":["trafik"]}""";
            (await _client.PostAsync($"/api/v1/public/surveys/{slug}/responses", new StringContent(body, Encoding.UTF8, "application/json")))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        }
    }

    [Fact]
    public async Task The_ranking_shows_the_change_since_the_same_municipalitys_previous_survey()
    {
        // A municipality of its own, so no other test's surveys count as "previous".
        const string sollefteå = "2283";
        var earlier = await SurveyAsync(sollefteå, 2031);
        var later = await SurveyAsync(sollefteå, 2032);
        await AnswerAsync(earlier, naming: 12, total: 40);
        await AnswerAsync(later, naming: 24, total: 40);

        var ranking = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{later}/ranking"))!;

        ranking["previousSurvey"]!["slug"]!.GetValue<string>().Should().Be(earlier);
        ranking["previousSurvey"]!["respondents"]!.GetValue<long>().Should().Be(40);
        var drugs = ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "narkotika")!;
        var expected = ShareChanges.Compare(12, 40, 24, 40);
        drugs["trend"]!["previousShare"]!.GetValue<double>().Should().BeApproximately(0.3, 1e-9);
        drugs["trend"]!["change"]!.GetValue<double>().Should().BeApproximately(0.3, 1e-9);
        drugs["trend"]!["changeLow"]!.GetValue<double>().Should().BeApproximately(expected.ChangeLow, 1e-9);
        drugs["trend"]!["changeHigh"]!.GetValue<double>().Should().BeApproximately(expected.ChangeHigh, 1e-9);
        drugs["trend"]!["significant"]!.GetValue<bool>().Should().BeTrue();

        var first = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{earlier}/ranking"))!;
        first["previousSurvey"].Should().BeNull("there is no earlier survey for this municipality");
        first["concerns"]![0]!["trend"].Should().BeNull();
    }
}
