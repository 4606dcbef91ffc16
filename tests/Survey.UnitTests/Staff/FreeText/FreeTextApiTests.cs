using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.FreeText;

// Free text reaches analysts only where the survey shares it, only scrubbed, and never beside anything that would say whose it is.
public class FreeTextApiTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private HttpClient As(string role, string municipality = "2514")
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token([role], [municipality]));
        return client;
    }

    private async Task<string> SurveyAsync(bool shares, int answers, int minimumCellSize = 5)
    {
        var slug = await _client.CreateSurveyAsync("fri", concerns: ["narkotika", "inbrott", "trafik"], minimumCellSize: minimumCellSize);
        if (shares)
        {
            var survey = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}"))!;
            survey["freeTextForAnalysts"] = true;
            (await _client.PutAsJsonAsync($"/api/v1/staff/surveys/{slug}", survey)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        for (var i = 0; i < answers; i++)
            (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", new
            {
                concerns = new[] { "trafik" }, area = (string?)null, ageGroup = "25-44",
                freeText = i == 0 ? "Det langas knark vid skolan, ring mig på 070-123 45 67" : $"Bilarna kör för fort, svar {i}",
            })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        return slug;
    }

    [Fact]
    public async Task A_survey_that_shares_free_text_gives_analysts_the_scrubbed_texts_and_their_concerns_and_nothing_else()
    {
        var slug = await SurveyAsync(shares: true, answers: 6);

        var answers = JsonNode.Parse(await As("analyst").GetStringAsync($"/api/v1/staff/surveys/{slug}/free-text"))!.AsArray();

        answers.Should().HaveCount(6);
        answers.Select(a => a!.AsObject().Select(p => p.Key).Order()).Should().AllSatisfy(keys => keys.Should().Equal("concerns", "text"));
        var drugs = answers.Single(a => ((string)a!["text"]!).Contains("langas", StringComparison.Ordinal))!;
        ((string)drugs["text"]!).Should().NotContain("123 45 67", "the text was scrubbed at intake");
        // Five texts mention road safety (shown: at least the floor); one mentions drugs, a hidden count, so no text is labelled with it:
        // counting the labels must not give what the ranking hides.
        answers.Count(a => a!["concerns"]!.AsArray().Select(c => (string)c!).SequenceEqual(["trafik"])).Should().Be(5);
        drugs["concerns"]!.AsArray().Should().BeEmpty();
        var ranking = JsonNode.Parse(await As("analyst").GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking"))!;
        ranking["concerns"]!.AsArray().Single(c => (string)c!["code"]! == "narkotika")!["mentionedInFreeText"].Should().BeNull();
    }

    [Fact]
    public async Task A_survey_that_does_not_share_free_text_answers_403_saying_so()
    {
        var slug = await SurveyAsync(shares: false, answers: 6);

        var response = await As("analyst").GetAsync($"/api/v1/staff/surveys/{slug}/free-text");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("does not share free text");
    }

    [Fact]
    public async Task Nothing_is_listed_while_the_respondents_are_fewer_than_the_floor()
    {
        var slug = await SurveyAsync(shares: true, answers: 4);

        var answers = JsonNode.Parse(await As("analyst").GetStringAsync($"/api/v1/staff/surveys/{slug}/free-text"))!.AsArray();

        answers.Should().BeEmpty();
    }

    [Theory]
    [InlineData("comms", "2514", HttpStatusCode.Forbidden)]
    [InlineData("analyst", "1272", HttpStatusCode.Forbidden)]
    [InlineData("admin", "2514", HttpStatusCode.OK)]
    public async Task Only_analysts_and_admins_of_the_municipality_read_it(string role, string municipality, HttpStatusCode expected)
    {
        var slug = await SurveyAsync(shares: true, answers: 5);

        (await As(role, municipality).GetAsync($"/api/v1/staff/surveys/{slug}/free-text")).StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task The_survey_setting_is_off_unless_an_admin_turns_it_on()
    {
        var slug = await _client.CreateSurveyAsync("fri");

        var survey = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}"))!;

        ((bool?)survey["freeTextForAnalysts"]).Should().BeFalse();
    }
}
