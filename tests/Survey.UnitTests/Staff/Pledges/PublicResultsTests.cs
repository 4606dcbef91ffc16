using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Pledges;

// /internal/v1/surveys/{slug}/results: what the public results page may show, for Intake's key only.
public class PublicResultsRouteTests(StaffApiFactory staffApi) : IClassFixture<StaffApiFactory>
{
    private static string Results(string slug) => $"/internal/v1/surveys/{slug}/results";

    [Fact]
    public async Task The_results_route_needs_intakes_service_key()
    {
        var slug = await PledgeSeeds.SurveyAsync(staffApi.Admin(), "nyckel", "2514", 2027, closed: true);

        (await staffApi.Anonymous().GetAsync(Results(slug))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await staffApi.Admin().GetAsync(Results(slug))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "not even an admin's token opens it");
        (await staffApi.Intake("0123456789abcdef0123456789abcdef0123456789abcdef").GetAsync(Results(slug))).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized);
        (await staffApi.Intake().GetAsync(Results(slug))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staffApi.Intake().GetAsync(Results("finns-inte"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_concern_below_the_floor_has_no_share_in_the_results()
    {
        var slug = await PledgeSeeds.SurveyAsync(staffApi.Admin(), "golv", "1272", 2027, closed: true, minimumCellSize: 5);
        // 12 respondents: 9 name narkotika, 7 trafik, 2 inbrott (below the floor of 5).
        await PledgeSeeds.AnswerAsync(staffApi.Services, slug, "1272",
            [.. PledgeSeeds.Times(2, "narkotika", "trafik", "inbrott"), .. PledgeSeeds.Times(5, "narkotika", "trafik"), .. PledgeSeeds.Times(2, "narkotika"),
             .. PledgeSeeds.Times(3)]);

        var body = await staffApi.Intake().GetStringAsync(Results(slug));

        var results = JsonNode.Parse(body)!;
        results["respondents"]!.GetValue<long>().Should().Be(12);
        var top = results["topConcerns"]!.AsArray();
        // Inbrott, named by 2 (hidden), is left out: listed, it would tell the public that somebody named it.
        top.Select(c => c!["code"]!.GetValue<string>()).Should().Equal("narkotika", "trafik");
        top[0]!["share"]!.GetValue<double>().Should().BeApproximately(9.0 / 12, 1e-9);
        body.Should().NotContain("inbrott");
        body.Should().NotContain("0.1666", "2 of 12 is nowhere in the answer");
        body.Should().NotContain("\"count\"", "the page shows shares, not counts of people per concern");
    }

    [Fact]
    public async Task Before_the_survey_closes_the_results_hold_no_figures()
    {
        var admin = staffApi.Admin();
        var slug = await PledgeSeeds.SurveyAsync(admin, "oppen", "1083", 2027, closed: false);
        await PledgeSeeds.AnswerAsync(staffApi.Services, slug, "1083", PledgeSeeds.Times(20, "narkotika"));
        await PledgeSeeds.PledgeWithProgressAsync(admin, slug);

        var results = JsonNode.Parse(await staffApi.Intake().GetStringAsync(Results(slug)))!;

        results["closed"]!.GetValue<bool>().Should().BeFalse();
        results["respondents"].Should().BeNull();
        results["topConcerns"]!.AsArray().Should().BeEmpty();
        results["pledge"].Should().BeNull();
        results["progress"]!.AsArray().Should().BeEmpty();
    }
}

// GET /s/{slug}/resultat on the embedded host, which reads the same results in process.
public class ResultsPageTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    // The page's text as a browser reads it (the encoder writes a no-break space as &#xA0;).
    private async Task<string> PageAsync(string path) => WebUtility.HtmlDecode(await factory.CreateClient().GetStringAsync(path));

    [Fact]
    public async Task Before_the_survey_closes_the_page_says_when_and_shows_no_figures()
    {
        var admin = factory.CreateClient();
        var slug = await PledgeSeeds.SurveyAsync(admin, "snart", "2514", 2027, closed: false);
        await PledgeSeeds.AnswerAsync(factory.Services, slug, "2514", PledgeSeeds.Times(20, "narkotika"));
        await PledgeSeeds.PledgeWithProgressAsync(admin, slug);

        var response = await factory.CreateClient().GetAsync($"/s/{slug}/resultat");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Resultatet visas här när enkäten har stängt");
        html.Should().NotContain("%").And.NotContain("20 personer").And.NotContain("<table").And.NotContain("trygghetsvandringar");
    }

    [Fact]
    public async Task A_closed_survey_shows_what_residents_said_and_the_pledges_progress_with_a_hidden_figure_as_words()
    {
        var admin = factory.CreateClient();
        var slug = await PledgeSeeds.SurveyAsync(admin, "klar", "1272", 2027, closed: true);
        await PledgeSeeds.AnswerAsync(factory.Services, slug, "1272",
            [.. PledgeSeeds.Times(2, "narkotika", "trafik", "inbrott"), .. PledgeSeeds.Times(5, "narkotika", "trafik"), .. PledgeSeeds.Times(2, "narkotika"),
             .. PledgeSeeds.Times(3)]);
        await PledgeSeeds.PledgeWithProgressAsync(admin, slug);

        var sv = await PageAsync($"/s/{slug}/resultat");
        var en = await PageAsync($"/s/{slug}/resultat?lang=en");

        sv.Should().Contain("12 personer svarade").And.Contain("75\u00a0%");
        // Inbrott, named by 2 of 12 (hidden), is not listed among what residents raised most: naming it would say somebody did.
        sv.Should().NotContain("17\u00a0%", "2 of 12 is hidden").And.NotContain("Inbrott").And.NotContain("för få svar för att visa");
        sv.Should().Contain("2 av 2 genomförda").And.Contain("Andra vandringen, i Töre.").And.Contain("Belysningen vid busstationen är bytt.");
        sv.Should().Contain("kommunstyrelsens ordförande och lokalpolisområdeschefen");
        en.Should().Contain("12 people answered").And.NotContain("Burglary").And.Contain("2 of 2 done");
        en.Should().Contain("The second walk, in Töre.");
        // No English text was written for this update: it is shown in Swedish, marked as Swedish.
        en.Should().Contain("<span lang=\"sv\" class=\"update\">Belysningen vid busstationen är bytt.</span>");
    }

    [Fact]
    public async Task Without_a_pledge_the_page_says_it_is_being_prepared()
    {
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "utkast", "2132", 2027, closed: true);

        var html = await PageAsync($"/s/{slug}/resultat");

        html.Should().Contain("arbetar nu fram medborgarlöftet");
    }

    [Fact]
    public async Task Next_years_page_shows_how_last_years_focus_areas_changed()
    {
        var admin = factory.CreateClient();
        var before = await PledgeSeeds.SurveyAsync(admin, "fjol", "1060", 2026, closed: true);
        await PledgeSeeds.AnswerAsync(factory.Services, before, "1060", [.. PledgeSeeds.Times(10, "narkotika"), .. PledgeSeeds.Times(10, "trafik")]);
        (await admin.PutAsJsonAsync($"/api/v1/staff/surveys/{before}/pledge", PledgeSeeds.Pledge(2026))).StatusCode.Should().Be(HttpStatusCode.OK);
        var now = await PledgeSeeds.SurveyAsync(admin, "nu", "1060", 2027, closed: true);
        await PledgeSeeds.AnswerAsync(factory.Services, now, "1060", [.. PledgeSeeds.Times(5, "narkotika"), .. PledgeSeeds.Times(15, "trafik")]);

        var html = await PageAsync($"/s/{now}/resultat");

        html.Should().Contain("Förra löftets fokusområden");
        // narkotika: 10 of 20 then, 5 of 20 now.
        html.Should().Contain("<td>50\u00a0%</td>").And.Contain("<td>25\u00a0%</td>").And.Contain("\u221225 procentenheter");
        html.Should().Contain($"href=\"/s/{before}/resultat?lang=sv\"");
    }

    [Fact]
    public async Task The_questionnaire_links_to_last_times_results_while_open_and_to_its_own_once_closed()
    {
        var admin = factory.CreateClient();
        var before = await PledgeSeeds.SurveyAsync(admin, "forr", "1082", 2026, closed: true);
        var open = await PledgeSeeds.SurveyAsync(admin, "nu", "1082", 2027, closed: false);
        var alone = await PledgeSeeds.SurveyAsync(admin, "ensam", "2513", 2027, closed: false);

        var questionnaire = await PageAsync($"/s/{open}");
        var first = await PageAsync($"/s/{alone}");
        var closed = await factory.CreateClient().GetAsync($"/s/{before}");

        questionnaire.Should().Contain($"<a href=\"/s/{before}/resultat?lang=sv\">Så blev det förra gången</a>");
        first.Should().NotContain("Så blev det förra gången");
        closed.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await closed.Content.ReadAsStringAsync()).Should().Contain($"href=\"/s/{before}/resultat?lang=sv\"");
    }
}
