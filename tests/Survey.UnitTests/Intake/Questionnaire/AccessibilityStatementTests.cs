using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Questionnaire;

// DOS-lagen asks every statement for a way to report a problem and to ask for inaccessible content: the survey's own
// contact, else the site's, else the municipality in general terms and Digg's reporting form.
public class AccessibilityStatementTests : IClassFixture<AccessibilityStatementTests.SiteWithContact>
{
    public sealed class SiteWithContact : EmbeddedHostFactory
    {
        public SiteWithContact() => Settings = new()
        {
            ["Site:AccessibilityContact:Email"] = "webb@kommun.example.se",
            ["Site:AccessibilityContact:Phone"] = "",
        };
    }

    private readonly SiteWithContact _site;
    private readonly HttpClient _client;

    public AccessibilityStatementTests(SiteWithContact site)
    {
        _site = site;
        _client = site.CreateClient();
    }

    private static async Task<string> CreateAsync(HttpClient client, object? contact)
    {
        var slug = "a11y-" + Guid.NewGuid().ToString("N")[..8];
        var response = await client.PostAsJsonAsync("/api/v1/staff/surveys", new
        {
            slug,
            municipalityCode = "2514",
            pledgePeriodStart = "2027-01-01",
            pledgePeriodEnd = "2027-12-31",
            opensAt = DateTimeOffset.UtcNow.AddDays(-1),
            closesAt = DateTimeOffset.UtcNow.AddDays(30),
            languages = new[] { "sv", "en", "fi" },
            areas = Array.Empty<object>(),
            concerns = new[] { "narkotika", "trafik" },
            accessibilityContact = contact,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return slug;
    }

    private static async Task<List<PageLink>> ContactLinksAsync(HttpClient client, string slug, string language)
    {
        var html = await client.GetStringAsync($"/s/{slug}/tillganglighet?lang={language}");
        return PageHtml.Links(html).Where(l => l.Href.StartsWith("mailto:", StringComparison.Ordinal) || l.Href.StartsWith("tel:", StringComparison.Ordinal)
            || (l.Href.StartsWith("https://", StringComparison.Ordinal) && !l.Href.Contains("digg.se", StringComparison.Ordinal))).ToList();
    }

    [Theory]
    [InlineData("sv", "E-post: tillganglighet@kalix.se", "Telefon: 0923-650 00", "Webb: www.kalix.se/tillganglighet")]
    [InlineData("en", "Email: tillganglighet@kalix.se", "Phone: 0923-650 00", "Web: www.kalix.se/tillganglighet")]
    [InlineData("fi", "Sähköposti: tillganglighet@kalix.se", "Puhelin: 0923-650 00", "Verkossa: www.kalix.se/tillganglighet")]
    public async Task The_surveys_own_contact_is_on_its_statement_in_each_language(string language, string email, string phone, string web)
    {
        var slug = await CreateAsync(_client, new { email = "tillganglighet@kalix.se", phone = "0923-650 00", url = "https://www.kalix.se/tillganglighet" });

        var text = PageHtml.Text(await _client.GetStringAsync($"/s/{slug}/tillganglighet?lang={language}"));

        text.Should().Contain(email).And.Contain(phone).And.Contain(web);
        (await ContactLinksAsync(_client, slug, language)).Select(l => l.Href).Should()
            .Equal("mailto:tillganglighet@kalix.se", "tel:092365000", "https://www.kalix.se/tillganglighet");
        text.Should().NotContain("webb@kommun.example.se", "the survey's own contact comes before the site's");
    }

    [Fact]
    public async Task A_survey_without_a_contact_of_its_own_shows_the_sites()
    {
        var slug = await CreateAsync(_client, null);

        (await ContactLinksAsync(_client, slug, "sv")).Select(l => l.Href).Should().Equal("mailto:webb@kommun.example.se");
        (await ContactLinksAsync(_client, "no-such-survey", "sv")).Select(l => l.Href).Should()
            .Equal(["mailto:webb@kommun.example.se"], "someone who cannot reach a survey needs the contact most");
    }

    [Fact]
    public async Task With_no_contact_anywhere_the_statement_says_to_ask_the_municipality_and_links_diggs_form()
    {
        using var bare = new EmbeddedHostFactory();
        var client = bare.CreateClient();
        var slug = await CreateAsync(client, null);

        foreach (var (language, general) in new[]
        {
            ("sv", "Kontakta kommunen, till exempel kommunens växel eller kontaktcenter"),
            ("en", "Contact the municipality, for example its switchboard"),
            ("fi", "Ota yhteyttä kuntaan, esimerkiksi kunnan vaihteeseen"),
        })
        {
            var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/s/{slug}/tillganglighet?lang={language}"));
            html.Should().Contain(general);
            PageHtml.Links(html).Should().Contain(l => l.Href == "https://www.digg.se/tdosanmalan");
            (await ContactLinksAsync(client, slug, language)).Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData("email", "kalix.se", "accessibilityContact.email")]
    [InlineData("email", "anna @kalix.se", "accessibilityContact.email")]
    [InlineData("email", "anna@kalix", "accessibilityContact.email")]
    [InlineData("phone", "0923-650 00 (växel)", "accessibilityContact.phone")]
    [InlineData("phone", "ring oss", "accessibilityContact.phone")]
    [InlineData("phone", "112", "accessibilityContact.phone")]
    [InlineData("url", "http://www.kalix.se", "accessibilityContact.url")]
    [InlineData("url", "www.kalix.se", "accessibilityContact.url")]
    [InlineData("url", "javascript:alert(1)", "accessibilityContact.url")]
    [InlineData("url", "https://www.kalix.se/kontakt oss", "accessibilityContact.url")]
    [InlineData("email", "anna\u0000@kalix.se", "accessibilityContact.email")]
    public async Task A_contact_that_cannot_work_is_a_400_naming_the_field(string member, string value, string field)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/staff/surveys", new JsonObject
        {
            ["slug"] = "bad-contact",
            ["municipalityCode"] = "2514",
            ["pledgePeriodStart"] = "2027-01-01",
            ["pledgePeriodEnd"] = "2027-12-31",
            ["opensAt"] = "2026-10-01T00:00:00+02:00",
            ["closesAt"] = "2027-01-02T00:00:00+01:00",
            ["areas"] = new JsonArray(),
            ["concerns"] = new JsonArray("narkotika"),
            ["accessibilityContact"] = new JsonObject { [member] = value },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal(field);
    }

    [Fact]
    public async Task An_empty_contact_is_a_400_and_international_numbers_and_only_a_web_address_are_fine()
    {
        var empty = await _client.PostAsJsonAsync("/api/v1/staff/surveys", new
        {
            slug = "empty-contact", municipalityCode = "2514", pledgePeriodStart = "2027-01-01", pledgePeriodEnd = "2027-12-31",
            opensAt = "2026-10-01T00:00:00+02:00", closesAt = "2027-01-02T00:00:00+01:00",
            areas = Array.Empty<object>(), concerns = new[] { "narkotika" }, accessibilityContact = new { },
        });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["errors"]!["accessibilityContact"].Should().NotBeNull();

        var slug = await CreateAsync(_client, new { phone = "+46 923 650 00" });
        (await ContactLinksAsync(_client, slug, "sv")).Select(l => l.Href).Should().Equal("tel:+4692365000");
        slug = await CreateAsync(_client, new { url = "https://www.kalix.se/" });
        var web = (await ContactLinksAsync(_client, slug, "en")).Single();
        (web.Href, web.Text).Should().Be(("https://www.kalix.se/", "www.kalix.se"));
    }

    [Fact]
    public async Task The_contact_is_kept_when_the_survey_is_read_and_sent_back()
    {
        var slug = await CreateAsync(_client, new { email = "tillganglighet@kalix.se" });
        var survey = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}"))!;
        survey["accessibilityContact"]!.AsObject().Select(p => p.Key).Should().Equal(["email"], "what the statement page computes is not part of the survey");
        survey["accessibilityContact"]!["email"]!.GetValue<string>().Should().Be("tillganglighet@kalix.se");

        survey["accessibilityContact"]!["phone"] = "0923-650 00";
        (await _client.PutAsync($"/api/v1/staff/surveys/{slug}", JsonContent.Create(survey))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await ContactLinksAsync(_client, slug, "sv")).Select(l => l.Href).Should().Equal("mailto:tillganglighet@kalix.se", "tel:092365000");
    }

    [Fact]
    public void A_site_contact_that_cannot_work_stops_the_service_at_start_naming_the_setting()
    {
        using var broken = new EmbeddedHostFactory { Settings = new() { ["Site:AccessibilityContact:Url"] = "http://www.kalix.se" } };

        var start = () => broken.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Site:AccessibilityContact:Url");
    }

    [Fact]
    public async Task The_demo_survey_names_a_contact()
    {
        (await ContactLinksAsync(_client, "demo", "sv")).Should().Contain(l => l.Href.StartsWith("mailto:", StringComparison.Ordinal));
    }
}
