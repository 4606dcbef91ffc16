using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Survey.Domain.Surveys;
using Survey.UnitTests.Hosts;
using Survey.UnitTests.Staff.Access;

namespace Survey.UnitTests.Staff.Dialogues;

// The page staff fill in at the meeting: a plain form that posts with the session and the antiforgery token.
public class DialoguePageTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _api = factory.CreateClient();

    private Task<string> SurveyAsync(int minimumCellSize = 1) =>
        _api.CreateSurveyAsync("page", areas: [new Option("centrum", "Centrum"), new Option("tore", "Töre")],
            concerns: ["narkotika", "trafik"], minimumCellSize: minimumCellSize);

    private async Task<StaffBrowser> SignedInAsync(string role)
    {
        var browser = new StaffBrowser(factory);
        (await browser.SignInAsync(factory.Token([role], ["2514"]))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return browser;
    }

    private static Dictionary<string, string> Form(string token, Action<Dictionary<string, string>>? change = null)
    {
        var form = new Dictionary<string, string>
        {
            [StaffBrowser.FormTokenField] = token,
            ["type"] = "trygghetsvandring",
            ["date"] = "2026-10-14",
            ["area"] = "centrum",
            ["place"] = "Torget",
            ["lat"] = "65,8536",
            ["lon"] = "23,1424",
            ["participants"] = "25",
            ["concern-narkotika"] = "12",
            ["concern-trafik"] = "",
            ["notes"] = "Mörkt vid busstationen.",
        };
        change?.Invoke(form);
        return form;
    }

    private async Task<JsonObject> SummaryAsync(string slug) =>
        JsonNode.Parse(await _api.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking"))!["dialogues"]!.AsObject();

    [Fact]
    public async Task Someone_who_only_holds_dialogues_lands_on_the_survey_list_with_a_way_to_the_dialogue_page_and_not_the_problem_picture()
    {
        var slug = await SurveyAsync();
        var browser = await SignedInAsync("dialog");

        var list = await browser.GetAsync("/staff/dashboard");

        list.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await list.Content.ReadAsStringAsync());
        html.Should().Contain($"href=\"/staff/surveys/{slug}/dialoger\"").And.Contain("Registrera dialog");
        html.Should().NotContain($"href=\"/staff/dashboard/{slug}\"");
        (await browser.GetAsync($"/staff/dashboard/{slug}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_dialogue_sent_from_the_page_is_confirmed_in_swedish_and_tallied()
    {
        var slug = await SurveyAsync();
        var browser = await SignedInAsync("dialog");
        var page = $"/staff/surveys/{slug}/dialoger";

        var post = await browser.PostFormAsync(page, Form(await browser.FormTokenAsync(page)));

        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var confirmation = WebUtility.HtmlDecode(await (await browser.GetAsync(post.Headers.Location!.ToString())).Content.ReadAsStringAsync());
        confirmation.Should().Contain("Tack, dialogen är registrerad.").And.Contain("Trygghetsvandring, 14 oktober 2026").And.Contain("Torget");
        var summary = await SummaryAsync(slug);
        summary["participants"]!.GetValue<long>().Should().Be(25);
        summary["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "narkotika")!["raised"]!.GetValue<long>().Should().Be(12);
    }

    [Fact]
    public async Task The_correction_link_fills_the_form_and_the_correction_replaces_the_dialogue()
    {
        var slug = await SurveyAsync();
        var browser = await SignedInAsync("dialog");
        var page = $"/staff/surveys/{slug}/dialoger";
        await browser.PostFormAsync(page, Form(await browser.FormTokenAsync(page)));
        var id = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/staff/surveys/{slug}/dialogues"))!["dialogues"]![0]!["dialogueId"]!.GetValue<Guid>();

        var html = await (await browser.GetAsync($"{page}?dialog={id}")).Content.ReadAsStringAsync();
        html.Should().Contain($"name=\"dialogueId\" value=\"{id}\"").And.Contain("value=\"12\"").And.Contain("Rätta en dialog");
        await browser.PostFormAsync(page, Form(await browser.FormTokenAsync(page), f =>
        {
            f["dialogueId"] = id.ToString();
            f["concern-narkotika"] = "3";
        }));

        var summary = await SummaryAsync(slug);
        summary["dialogues"]!.GetValue<int>().Should().Be(1);
        summary["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "narkotika")!["raised"]!.GetValue<long>().Should().Be(3);
    }

    [Fact]
    public async Task Wrong_fields_come_back_in_swedish_beside_each_field_with_what_was_written()
    {
        var slug = await SurveyAsync();
        var browser = await SignedInAsync("dialog");
        var page = $"/staff/surveys/{slug}/dialoger";

        var post = await browser.PostFormAsync(page, Form(await browser.FormTokenAsync(page), f =>
        {
            f["participants"] = "många";
            f["concern-narkotika"] = "-2";
            f["lat"] = ""; // only the longitude: the missing latitude is the field named
        }));

        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync());
        html.Should().Contain("id=\"participants-error\"").And.Contain("Skriv hur många som deltog")
            .And.Contain("id=\"concern-narkotika-error\"").And.Contain("id=\"lat-error\"")
            .And.Contain("value=\"många\"").And.Contain("href=\"#participants\"");
        (await SummaryAsync(slug))["dialogues"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task A_post_without_the_forms_token_records_nothing()
    {
        var slug = await SurveyAsync();
        var browser = await SignedInAsync("dialog");
        var page = $"/staff/surveys/{slug}/dialoger";

        var post = await browser.PostFormAsync(page, Form("not-a-token"));

        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SummaryAsync(slug))["dialogues"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task An_analyst_sees_the_dialogues_but_no_form_and_cannot_post()
    {
        var slug = await SurveyAsync();
        var browser = await SignedInAsync("analyst");
        var page = $"/staff/surveys/{slug}/dialoger";

        var html = WebUtility.HtmlDecode(await (await browser.GetAsync(page)).Content.ReadAsStringAsync());
        html.Should().Contain("Enkätens dialoger").And.NotContain("name=\"participants\"");
        var post = await browser.PostFormAsync(page, Form(await browser.FormTokenAsync(page)));

        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await SummaryAsync(slug))["dialogues"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task The_dashboard_shows_the_dialogue_summary_and_links_to_the_page_and_the_geojson()
    {
        var slug = await SurveyAsync(minimumCellSize: 5);
        (await _api.PostAsJsonAsync($"/api/v1/staff/surveys/{slug}/dialogues", new
        {
            type = "trygghetsvandring", date = "2026-10-14", participants = 25, concerns = new { narkotika = 12, trafik = 2 },
        })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var browser = await SignedInAsync("analyst");

        var html = WebUtility.HtmlDecode(await (await browser.GetAsync($"/staff/dashboard/{slug}")).Content.ReadAsStringAsync());

        html.Should().Contain("Dialoger och trygghetsvandringar").And.Contain("trygghetsvandring 1").And.Contain("25 deltagare")
            .And.Contain($"/staff/surveys/{slug}/dialoger").And.Contain($"/api/v1/staff/surveys/{slug}/dialogues?format=geojson");
        html.Should().MatchRegex(@"Narkotika och droger</th>\s*<td class=""num"">12</td>");
        html.Should().MatchRegex(@"Trafiksäkerhet</th>\s*<td class=""num suppressed"">dold</td>", "2 raised it, under the floor of 5");
    }

    [Fact]
    public async Task The_json_export_carries_the_dialogue_summary()
    {
        var slug = await SurveyAsync();
        (await _api.PostAsJsonAsync($"/api/v1/staff/surveys/{slug}/dialogues", new
        {
            type = "medborgardialog", date = "2026-10-14", participants = 8, concerns = new { trafik = 6 },
        })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var export = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?format=json"))!;

        export["dialogues"]!["participants"]!.GetValue<long>().Should().Be(8);
        export["dialogues"]!["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "trafik")!["raised"]!.GetValue<long>().Should().Be(6);
    }
}
