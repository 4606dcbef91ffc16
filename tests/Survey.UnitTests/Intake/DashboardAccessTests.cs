using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Survey.UnitTests.Intake;

/// <summary>The staff pages: signed in with the same token as the API, kept in a cookie; nobody reads what they are not granted.</summary>
public class DashboardAccessTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private HttpClient Browser(string? token = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        if (token is not null) client.DefaultRequestHeaders.Add("Cookie", $"staff_token={token}");
        return client;
    }

    private Task<string> SurveyAsync(string municipality = "2514") => factory.CreateClient().CreateSurveyAsync("dash", municipality);

    [Fact]
    public async Task Without_a_token_the_page_sends_you_to_sign_in_and_back()
    {
        var slug = await SurveyAsync();
        var response = await Browser().GetAsync($"/staff/dashboard/{slug}?by=gender");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be($"/staff/login?returnUrl={Uri.EscapeDataString($"/staff/dashboard/{slug}?by=gender")}");
    }

    [Fact]
    public async Task Signing_in_sets_an_http_only_lax_cookie_and_returns_only_to_this_site()
    {
        var client = Browser();
        var token = factory.Token(["analyst"], ["2514"]);

        var response = await client.PostAsync("/staff/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "Bearer " + token,
            ["returnUrl"] = "//evil.example/phish",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/staff/dashboard", "a return address off this site is ignored");
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith($"staff_token={token}").And.Contain("httponly").And.Contain("samesite=lax");

        var refused = await client.PostAsync("/staff/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token[..^6] }));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Nyckeln godtas inte");
        refused.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Theory]
    [InlineData("analyst", "own", HttpStatusCode.OK)]
    [InlineData("admin", "own", HttpStatusCode.OK)]
    [InlineData("comms", "own", HttpStatusCode.Forbidden)]
    [InlineData("analyst", "other", HttpStatusCode.Forbidden)]
    [InlineData("admin", "other", HttpStatusCode.Forbidden)]
    public async Task The_dashboard_is_for_analysts_and_admins_of_the_municipality(string role, string whose, HttpStatusCode expected)
    {
        var slug = await SurveyAsync(whose == "own" ? "2514" : "1272");
        var response = await Browser(factory.Token([role], ["2514"])).GetAsync($"/staff/dashboard/{slug}");

        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        if (expected == HttpStatusCode.OK) html.Should().Contain("Problembild");
        else html.Should().Contain("Ingen behörighet").And.NotContain("Problembild");
    }

    [Fact]
    public async Task The_cookie_reads_but_never_writes()
    {
        var slug = await SurveyAsync();
        var client = Browser(factory.Token(["admin"], ["*"]));

        (await client.GetAsync($"/api/v1/staff/surveys/{slug}/ranking?format=csv")).StatusCode.Should().Be(HttpStatusCode.OK, "export links work from the page");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/staff/surveys/{slug}/population")
        {
            Content = new StringContent("ageGroup;gender;population\n16-24;kvinna;1\n", System.Text.Encoding.UTF8, "text/csv"),
        };
        (await client.SendAsync(put)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a change needs the Authorization header, so no other site can make one");
    }

    [Fact]
    public async Task The_survey_list_shows_only_granted_municipalities()
    {
        var own = await SurveyAsync("2514");
        var other = await SurveyAsync("1272");
        var html = await (await Browser(factory.Token(["analyst"], ["2514"])).GetAsync("/staff/dashboard")).Content.ReadAsStringAsync();

        html.Should().Contain($"/staff/dashboard/{own}").And.NotContain(other);
    }
}
