using System.Net;
using System.Net.Http.Json;
using System.Text;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Questionnaire;

// The pages a resident meets instead of the questionnaire (thank you, closed, too long, not found) are no dead ends: each has
// the questionnaire's footer, a language switch that keeps them on that page, the statement link and a skip link that lands.
public class MessagePageTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private long Stored(string slug) => (long)factory.QueryScalar("select count(*) from responses where survey_slug = $p", slug)!;

    private Task<string> SurveyAsync(int opensInDays = -1, int closesInDays = 30) =>
        SurveyAsync(DateTimeOffset.UtcNow.AddDays(opensInDays), DateTimeOffset.UtcNow.AddDays(closesInDays));

    private async Task<string> SurveyAsync(DateTimeOffset opensAt, DateTimeOffset closesAt)
    {
        var slug = "msg-" + Guid.NewGuid().ToString("N")[..8];
        var response = await _client.PostAsJsonAsync("/api/v1/staff/surveys", new
        {
            slug,
            municipalityCode = "2514",
            pledgePeriodStart = "2027-01-01",
            pledgePeriodEnd = "2027-12-31",
            opensAt,
            closesAt,
            languages = new[] { "sv", "en", "fi" },
            areas = Array.Empty<object>(),
            concerns = new[] { "narkotika", "trafik" },
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return slug;
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, html.Length > 800 ? html[..800] : html);
        return html;
    }

    private static void HasLanguageLinks(string html, string current, params (string Language, string Href)[] others)
    {
        var footer = PageHtml.Footer(html);
        footer.Should().Contain($"<span aria-current=\"true\" lang=\"{current}\">");
        var links = PageHtml.Links(footer).Where(l => l.Attribute("hreflang") is not null).ToList();
        links.Select(l => (l.Attribute("hreflang")!, l.Href)).Should().BeEquivalentTo(others);
    }

    [Fact]
    public async Task The_thank_you_page_after_the_plain_form_has_the_footer_and_switches_language_to_itself_by_get()
    {
        var slug = await SurveyAsync();

        var posted = await _client.PostAsync($"/s/{slug}?lang=en&k=affisch", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["responseId"] = Guid.NewGuid().ToString(), ["concerns"] = "narkotika",
        }));

        var html = await HtmlAsync(posted, HttpStatusCode.OK);
        html.Should().Contain("Thank you for your answers!");
        HasLanguageLinks(html, "en", ("sv", $"/s/{slug}/tack?lang=sv"), ("fi", $"/s/{slug}/tack?lang=fi"));
        PageHtml.Links(PageHtml.Footer(html)).Should().ContainSingle(l => l.Href == $"/s/{slug}/tillganglighet?lang=en")
            .Which.Text.Should().Be("Accessibility statement");
        PageHtml.SkipLink(html).Should().Be(("Skip to main content", true), "there is no survey on this page to skip to");
        Stored(slug).Should().Be(1);

        var finnish = await HtmlAsync(await _client.GetAsync($"/s/{slug}/tack?lang=fi"), HttpStatusCode.OK);
        finnish.Should().Contain("Kiitos vastauksistasi!").And.Contain("lang=\"fi\"");
        HasLanguageLinks(finnish, "fi", ("sv", $"/s/{slug}/tack?lang=sv"), ("en", $"/s/{slug}/tack?lang=en"));
        PageHtml.SkipLink(finnish).Should().Be(("Siirry sivun sisältöön", true));
        Stored(slug).Should().Be(1, "reading the thank-you page in another language sends nothing");
    }

    [Fact]
    public async Task The_questionnaire_tells_survey_js_where_each_language_link_leads_once_the_answer_is_sent()
    {
        var slug = await SurveyAsync();

        var html = await HtmlAsync(await _client.GetAsync($"/s/{slug}?lang=sv&k=affisch"), HttpStatusCode.OK);

        var english = PageHtml.Links(PageHtml.Footer(html)).Single(l => l.Attribute("hreflang") == "en");
        english.Href.Should().Be($"/s/{slug}?lang=en&k=affisch");
        english.Attribute("data-thanks-href").Should().Be($"/s/{slug}/tack?lang=en");
        PageHtml.SkipLink(html).Should().Be(("Hoppa till enkäten", true));
    }

    [Fact]
    public async Task The_thank_you_address_of_a_survey_that_does_not_exist_is_a_404_that_still_links_the_statement()
    {
        var response = await _client.GetAsync("/s/no-such-survey/tack");

        var html = await HtmlAsync(response, HttpStatusCode.NotFound);
        html.Should().Contain("Enkäten finns inte");
        var footer = PageHtml.Footer(html);
        PageHtml.Links(footer).Select(l => l.Href).Should().Equal("/s/no-such-survey/tillganglighet?lang=sv");
        footer.Should().NotContain("<nav", "with no survey there are no languages to offer");
    }

    [Theory]
    [InlineData(-40, -10, "The survey is closed")]
    [InlineData(10, 40, "The survey has not opened yet")]
    public async Task A_closed_or_not_yet_open_survey_says_so_with_the_footer_and_switches_language_on_its_own_address(
        int opens, int closes, string heading)
    {
        var slug = await SurveyAsync(opens, closes);

        var html = await HtmlAsync(await _client.GetAsync($"/s/{slug}?lang=en&k=affisch"), HttpStatusCode.Gone);

        html.Should().Contain(heading);
        HasLanguageLinks(html, "en", ("sv", $"/s/{slug}?lang=sv&k=affisch"), ("fi", $"/s/{slug}?lang=fi&k=affisch"));
        PageHtml.Links(PageHtml.Footer(html)).Should().Contain(l => l.Href == $"/s/{slug}/tillganglighet?lang=en");
        PageHtml.SkipLink(html).Should().Be(("Skip to main content", true));
    }

    [Theory]
    [InlineData("sv", "Enkäten öppnar 1 mars 2031 kl. 08:00.")]
    [InlineData("en", "The survey opens on 1 March 2031, 08:00.")]
    [InlineData("fi", "Kysely avautuu 1. maaliskuuta 2031 klo 8.00.")]
    public async Task Each_language_writes_the_opening_time_its_own_way(string language, string expected)
    {
        var slug = await SurveyAsync(new DateTimeOffset(2031, 3, 1, 8, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2031, 4, 1, 0, 0, 0, TimeSpan.Zero));

        var html = await HtmlAsync(await _client.GetAsync($"/s/{slug}?lang={language}"), HttpStatusCode.Gone);

        PageHtml.Text(html).Should().Contain(expected);
    }

    [Fact]
    public async Task A_form_too_large_to_read_leads_back_to_the_questionnaire_in_each_language_keeping_the_channel()
    {
        var slug = await SurveyAsync();
        var body = new ByteArrayContent(Encoding.ASCII.GetBytes("concerns=narkotika&freeText=" + new string('a', 70_000)));
        body.Headers.ContentType = new("application/x-www-form-urlencoded");

        var html = await HtmlAsync(await _client.PostAsync($"/s/{slug}?lang=fi&k=affisch", body), HttpStatusCode.RequestEntityTooLarge);

        html.Should().Contain("Vastauksesi on liian pitkä");
        PageHtml.Links(html).Should().Contain(l => l.Href == $"/s/{slug}?lang=fi&k=affisch" && l.Text == "Takaisin kyselyyn");
        HasLanguageLinks(html, "fi", ("sv", $"/s/{slug}?lang=sv&k=affisch"), ("en", $"/s/{slug}?lang=en&k=affisch"));
        PageHtml.Links(PageHtml.Footer(html)).Should().Contain(l => l.Href == $"/s/{slug}/tillganglighet?lang=fi");
        Stored(slug).Should().Be(0);
    }

    [Fact]
    public async Task The_statement_switches_language_to_itself()
    {
        var slug = await SurveyAsync();

        var html = await HtmlAsync(await _client.GetAsync($"/s/{slug}/tillganglighet?lang=fi"), HttpStatusCode.OK);

        HasLanguageLinks(html, "fi", ("sv", $"/s/{slug}/tillganglighet?lang=sv"), ("en", $"/s/{slug}/tillganglighet?lang=en"));
        PageHtml.Links(PageHtml.Footer(html)).Should().NotContain(l => l.Href.Contains("tillganglighet?lang=fi"), "the page does not link to itself");
        PageHtml.SkipLink(html).Should().Be(("Siirry sivun sisältöön", true));
    }
}
