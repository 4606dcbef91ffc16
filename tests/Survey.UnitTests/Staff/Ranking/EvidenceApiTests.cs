using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Survey.UnitTests.Hosts;
using Survey.UnitTests.Staff.Access;

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

    private static string[] Codes(JsonNode ranking) =>
        ranking["focusAreas"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).ToArray();

    private static double Score(JsonNode ranking, string code) =>
        ranking["evidence"]!["rows"]!.AsArray().Single(r => r!["code"]!.GetValue<string>() == code)!["score"]!.GetValue<double>();

    [Fact]
    public async Task A_dialogue_recorded_on_the_staff_page_moves_the_proposal_as_the_stated_weights_say_and_counts_once_when_sent_twice()
    {
        var slug = await _client.CreateSurveyAsync("evidence-dialogue", concerns: ["narkotika", "inbrott", "trafik"], minimumCellSize: 5);
        for (var i = 0; i < 25; i++) // trafik 10 of 25 (40 %), narkotika 9 (36 %), inbrott 5 (20 %)
            await AnswerAsync(slug, [.. i < 10 ? new[] { "trafik" } : [], .. i >= 10 && i < 19 ? new[] { "narkotika" } : [], .. i >= 19 && i < 24 ? new[] { "inbrott" } : []]);
        Codes((await _client.GetFromJsonAsync<JsonObject>($"/api/v1/staff/surveys/{slug}/ranking"))!).Should().Equal("trafik", "narkotika", "inbrott");

        // At a safety walk 12 of 25 raise drugs, 5 road safety.
        var browser = new StaffBrowser(factory);
        (await browser.SignInAsync(factory.Token(["dialog"], ["2514"]))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = $"/staff/surveys/{slug}/dialoger";
        var post = await browser.PostFormAsync(page, new Dictionary<string, string>
        {
            [StaffBrowser.FormTokenField] = await browser.FormTokenAsync(page),
            ["type"] = "trygghetsvandring", ["date"] = "2026-10-14", ["place"] = "Torget", ["participants"] = "25",
            ["concern-narkotika"] = "12", ["concern-trafik"] = "5", ["concern-inbrott"] = "",
        });
        post.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var ranking = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/staff/surveys/{slug}/ranking"))!;
        // Scaled: survey trafik 1, narkotika 0.9, inbrott 0.5; dialogues narkotika 1, trafik 5/12, inbrott 0; weights 0.6 and 0.25.
        Codes(ranking).Should().Equal("narkotika", "trafik", "inbrott");
        Score(ranking, "narkotika").Should().BeApproximately((0.6 * 0.9 + 0.25 * 1) / 0.85, 1e-9);
        Score(ranking, "trafik").Should().BeApproximately((0.6 * 1 + 0.25 * (5 / 12.0)) / 0.85, 1e-9);
        Score(ranking, "inbrott").Should().BeApproximately(0.6 * 0.5 / 0.85, 1e-9);
        ranking["evidence"]!["surveyOnly"]!.GetValue<bool>().Should().BeFalse();
        ranking["proposal"]!["focusAreas"]![0]!["rationale"]!.GetValue<string>().Should()
            .Contain("I det samlade underlaget får det 0,93 av 1 (enkäten 0,64, dialogerna 0,29). " +
                "I dialoger och trygghetsvandringar tog 48 % av deltagarna upp det.");
        ranking["proposal"]!["draftPledge"]!.GetValue<string>().Should()
            .Contain("Andelen som pekade ut dem som problem där de bor: narkotika och droger 36 %, trafiksäkerhet 40 % och inbrott 20 %.")
            .And.Contain("Underlaget väger också in dialoger och trygghetsvandringar.");

        // The same dialogue again (as a retried post would send it): the same evidence, not twice as much.
        var id = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/dialogues"))!["dialogues"]![0]!["dialogueId"]!.GetValue<Guid>();
        (await _client.PostAsJsonAsync($"/api/v1/staff/surveys/{slug}/dialogues", new
        {
            dialogueId = id, type = "trygghetsvandring", date = "2026-10-14", place = "Torget", participants = 25,
            concerns = new Dictionary<string, int> { ["narkotika"] = 12, ["trafik"] = 5 },
        })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var again = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/staff/surveys/{slug}/ranking"))!;
        again["dialogues"]!["participants"]!.GetValue<long>().Should().Be(25);
        Score(again, "narkotika").Should().Be(Score(ranking, "narkotika"));

        // Weighed at 0, the dialogues leave the survey's order.
        Codes((await _client.GetFromJsonAsync<JsonObject>($"/api/v1/staff/surveys/{slug}/ranking?weightDialogues=0"))!)
            .Should().Equal("trafik", "narkotika", "inbrott");
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
        // Changing the breakdown keeps the weights: the breakdown form carries them.
        page.Should().Contain("<input type=\"hidden\" name=\"weightDialogues\" value=\"0.5\" />");
        page.Should().Contain($"/api/v1/staff/surveys/{slug}/ranking?format=csv&by=");

        var refused = WebUtility.HtmlDecode(await _client.GetStringAsync($"/staff/dashboard/{slug}?weightDialogues=x"));
        refused.Should().Contain("Vikterna kunde inte användas").And.Contain("Vikten för dialoger och trygghetsvandringar ska vara ett tal från 0 till 100");
    }
}
