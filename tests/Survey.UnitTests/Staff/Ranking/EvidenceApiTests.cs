using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

public class EvidenceApiTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task AnswerAsync(string slug, string[] concerns) =>
        (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", new { concerns }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

    [Fact]
    public async Task With_the_default_weights_and_the_survey_alone_the_proposal_is_the_survey_rankings_and_the_weights_are_stated()
    {
        var slug = await _client.CreateSurveyAsync("evidence-alone", concerns: ["narkotika", "inbrott", "trafik"], minimumCellSize: 5);
        for (var i = 0; i < 30; i++)
            await AnswerAsync(slug, [.. i < 20 ? new[] { "trafik" } : [], .. i < 12 ? new[] { "narkotika" } : [], .. i < 6 ? new[] { "inbrott" } : []]);

        var ranking = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/staff/surveys/{slug}/ranking"))!;

        ranking["focusAreas"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).Should().Equal("trafik", "narkotika", "inbrott");
        var evidence = ranking["evidence"]!;
        evidence["surveyOnly"]!.GetValue<bool>().Should().BeTrue();
        evidence["defaultWeights"]!.GetValue<bool>().Should().BeTrue();
        evidence["sources"]!.AsArray().Select(s => (s!["source"]!.GetValue<string>(), s["weight"]!.GetValue<double>())).Should().Equal(
            ("survey", 0.6), ("dialogues", 0.25), ("freeText", 0.0), ("crimeStatistics", 0.15));
        var trafik = evidence["rows"]!.AsArray()[0]!;
        trafik["code"]!.GetValue<string>().Should().Be("trafik");
        trafik["score"]!.GetValue<double>().Should().Be(1);
        evidence["rows"]!.AsArray()[1]!["score"]!.GetValue<double>().Should().BeApproximately(12 / 20.0, 1e-9);
        ranking["proposal"]!["draftPledge"]!.GetValue<string>().Should().Contain("Flest pekade ut").And.NotContain("väger också in");
    }

    [Theory]
    [InlineData("weightDialogues", "mycket")]
    [InlineData("weightCrimeStatistics", "-0.5")]
    [InlineData("weightSurvey", "1000")]
    public async Task A_weight_that_is_not_a_number_from_0_to_100_is_a_400_naming_it(string parameter, string value)
    {
        var slug = await _client.CreateSurveyAsync("evidence-bad-weight");

        var response = await _client.GetAsync($"/api/v1/staff/surveys/{slug}/ranking?{parameter}={value}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]![parameter]!.AsArray().Single()!.GetValue<string>().Should().Contain(value);
    }

    [Fact]
    public async Task The_dashboard_shows_the_weights_form_and_the_evidence_table_and_its_exports_carry_changed_weights()
    {
        var slug = await _client.CreateSurveyAsync("evidence-page", minimumCellSize: 5);
        for (var i = 0; i < 10; i++) await AnswerAsync(slug, ["trafik"]);

        var page = WebUtility.HtmlDecode(await _client.GetStringAsync($"/staff/dashboard/{slug}?weightSurvey=1&weightDialogues=0.5"));

        page.Should().Contain("Underlag och vikter").And.Contain("name=\"weightDialogues\"").And.Contain("value=\"0.5\"");
        page.Should().Contain($"/api/v1/staff/surveys/{slug}/ranking?format=xlsx&weightSurvey=1&weightDialogues=0.5");
        page.Should().Contain("Tillbaka till standardvikterna");

        var refused = WebUtility.HtmlDecode(await _client.GetStringAsync($"/staff/dashboard/{slug}?weightDialogues=x"));
        refused.Should().Contain("Vikterna kunde inte användas").And.Contain("'x' is not a weight");
    }
}
