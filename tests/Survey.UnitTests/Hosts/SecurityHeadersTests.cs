using System.Net.Http.Json;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Survey.UnitTests.Hosts;

// The headers that tell a browser what a page may load, who may frame it and what may be kept.
public partial class SecurityHeadersTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private const string PagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'";

    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_resident_page_loads_only_its_own_files_and_may_be_embedded_anywhere()
    {
        var response = await _client.GetAsync("/s/demo");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(response, "Content-Security-Policy").Should().Be(PagePolicy, "embed.js puts the survey in a frame on any municipality's site");
        response.Headers.Contains("X-Frame-Options").Should().BeFalse();
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Referrer-Policy").Should().Be("strict-origin-when-cross-origin");
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("this is plain http on loopback");
    }

    [Fact]
    public async Task A_survey_with_embed_origins_may_be_framed_only_by_those_sites()
    {
        var slug = await CreateSurveyAsync(["https://www.kalix.se"]);
        var other = await CreateSurveyAsync(null);

        var framed = $"{PagePolicy}; frame-ancestors 'self' https://www.kalix.se";
        Header(await _client.GetAsync($"/s/{slug}"), "Content-Security-Policy").Should().Be(framed);
        Header(await _client.GetAsync($"/s/{slug}/tillganglighet"), "Content-Security-Policy").Should().Be(framed);
        var thanks = await _client.PostAsync($"/s/{slug}", new FormUrlEncodedContent(new Dictionary<string, string> { ["concerns"] = "trafik" }));
        thanks.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(thanks, "Content-Security-Policy").Should().Be(framed, "the thank-you page is shown in the same frame");

        Header(await _client.GetAsync($"/s/{other}"), "Content-Security-Policy").Should().Be(PagePolicy);
        var survey = await _client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/staff/surveys/{slug}");
        survey!["embedOrigins"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal("https://www.kalix.se");
    }

    [Fact]
    public async Task An_embed_origin_that_is_not_an_https_origin_is_refused_naming_it()
    {
        var body = TestSurveys.Request("embed-bad");
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        json["embedOrigins"] = new System.Text.Json.Nodes.JsonArray("https://www.kalix.se", "https://www.kalix.se/enkat; script-src *");

        var response = await _client.PostAsJsonAsync("/api/v1/staff/surveys", json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["errors"]!.AsObject()
            .Select(e => e.Key).Should().Equal("embedOrigins[1]");
    }

    [Fact]
    public async Task A_staff_page_is_never_framed_kept_or_named_to_other_sites()
    {
        foreach (var path in new[] { "/staff/login", "/staff/dashboard/demo" })
        {
            var response = await _client.GetAsync(path);

            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            Header(response, "Content-Security-Policy").Should().Be($"{PagePolicy}; frame-ancestors 'none'", path);
            Header(response, "X-Frame-Options").Should().Be("DENY", path);
            Header(response, "Cache-Control").Should().Be("no-store", path);
            Header(response, "Referrer-Policy").Should().Be("no-referrer", path);
            Header(response, "X-Content-Type-Options").Should().Be("nosniff", path);
        }
    }

    [Theory]
    [InlineData("/api/v1/staff/surveys/demo/ranking")]
    [InlineData("/api/v1/staff/surveys/demo/ranking?format=csv")]
    [InlineData("/api/v1/staff/surveys/demo/ranking?format=xlsx")]
    public async Task Staff_data_and_exports_are_never_kept_or_framed(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(response, "Cache-Control").Should().Be("no-store");
        Header(response, "Content-Security-Policy").Should().Be("default-src 'none'; frame-ancestors 'none'");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
    }

    [Fact]
    public async Task A_staff_refusal_is_not_kept_either()
    {
        using var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        var response = await anonymous.GetAsync("/api/v1/staff/surveys/demo/ranking");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Header(response, "Cache-Control").Should().Be("no-store");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
    }

    [Fact]
    public async Task The_swagger_ui_has_a_looser_style_policy_but_runs_only_script_files()
    {
        var response = await _client.GetAsync("/swagger/index.html");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(response, "Content-Security-Policy").Should().Be(
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        InlineScripts().Matches(html).Should().BeEmpty("script-src 'self' runs only script files");
        foreach (var script in ScriptSources().Matches(html).Select(m => m.Groups[1].Value))
            (await _client.GetAsync("/swagger/" + script.TrimStart('.', '/'))).StatusCode.Should().Be(HttpStatusCode.OK, script);
    }

    [Fact]
    public async Task Public_api_answers_and_files_are_not_pages()
    {
        foreach (var path in new[] { "/api/v1/public/surveys/demo", "/embed.js", "/s/assets/survey.css", "/openapi/v1.json" })
        {
            var response = await _client.GetAsync(path);

            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            Header(response, "X-Content-Type-Options").Should().Be("nosniff", path);
            Header(response, "Content-Security-Policy").Should().StartWith("default-src 'none'", path);
            response.Headers.CacheControl?.NoStore.Should().NotBe(true, path);
        }
    }

    [Fact]
    public async Task The_pages_hold_no_inline_script_style_or_event_handler_that_the_policy_would_block()
    {
        var slug = await CreateSurveyAsync(null);
        var pages = new List<(string Path, string Html)>();
        foreach (var path in new[] { $"/s/{slug}", $"/s/{slug}?lang=en", $"/s/{slug}/tillganglighet", "/s/none-such", "/staff/login",
                     "/staff/dashboard", "/staff/dashboard/demo", "/staff/dashboard/demo?by=channel" })
            pages.Add((path, await (await _client.GetAsync(path)).Content.ReadAsStringAsync()));
        // The plain form's answer with errors, and its thank-you page.
        var invalid = await _client.PostAsync($"/s/{slug}", new FormUrlEncodedContent(new Dictionary<string, string> { ["area"] = "mars" }));
        pages.Add(("POST with errors", await invalid.Content.ReadAsStringAsync()));
        var thanks = await _client.PostAsync($"/s/{slug}", new FormUrlEncodedContent(new Dictionary<string, string> { ["concerns"] = "trafik" }));
        pages.Add(("POST thanks", await thanks.Content.ReadAsStringAsync()));

        foreach (var (path, html) in pages)
        {
            html.Should().Contain("<html", path);
            InlineScripts().IsMatch(html).Should().BeFalse($"{path} must load its scripts from the assets endpoint");
            InlineStyles().IsMatch(html).Should().BeFalse($"{path} must keep its styles in the stylesheet");
            EventHandlers().IsMatch(html).Should().BeFalse($"{path} must attach its handlers from its script file");
        }
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_and_never_on_loopback_or_plain_http()
    {
        using var configured = new EmbeddedHostFactory { Settings = new Dictionary<string, string> { ["Intake:PublicBaseUrl"] = "https://enkat.kalix.se" } };

        var secure = await configured.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://enkat.kalix.se") })
            .GetAsync("/s/demo");
        var loopback = await configured.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") })
            .GetAsync("/s/demo");
        var plain = await configured.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://enkat.kalix.se") })
            .GetAsync("/s/demo");

        secure.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(secure, "Strict-Transport-Security").Should().StartWith("max-age=");
        loopback.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
        plain.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    private async Task<string> CreateSurveyAsync(string[]? embedOrigins)
    {
        var slug = $"embed-{Guid.NewGuid():N}"[..18];
        var json = System.Text.Json.JsonSerializer.SerializeToNode(TestSurveys.Request(slug))!.AsObject();
        if (embedOrigins is not null) json["embedOrigins"] = new System.Text.Json.Nodes.JsonArray(embedOrigins.Select(o => (System.Text.Json.Nodes.JsonNode?)o).ToArray());
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/staff/surveys", json);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return slug;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScripts();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSources();

    [GeneratedRegex("<style|\\sstyle=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyles();

    [GeneratedRegex("<[^>]+\\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlers();
}
