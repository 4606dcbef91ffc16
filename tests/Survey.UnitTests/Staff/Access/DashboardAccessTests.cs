using System.Net;
using System.Text;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Access;

// The staff pages: a server-side session started with a token; nobody reads what they are not granted, and the cookie never writes.
public class DashboardAccessTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private Task<string> SurveyAsync(string municipality = "2514") => factory.CreateClient().CreateSurveyAsync("dash", municipality);

    private async Task<StaffBrowser> SignedInAsync(string token)
    {
        var browser = new StaffBrowser(factory);
        var response = await browser.SignInAsync(token);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return browser;
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("staff_session=", StringComparison.Ordinal));

    [Fact]
    public async Task Without_a_session_the_page_sends_you_to_sign_in_and_back()
    {
        var slug = await SurveyAsync();
        var response = await new StaffBrowser(factory).GetAsync($"/staff/dashboard/{slug}?by=gender");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be($"/staff/login?returnUrl={Uri.EscapeDataString($"/staff/dashboard/{slug}?by=gender")}");
    }

    [Fact]
    public async Task Signing_in_starts_a_session_in_an_http_only_lax_cookie_that_holds_no_token()
    {
        var browser = new StaffBrowser(factory);
        var token = factory.Token(["analyst"], ["2514"]);

        var response = await browser.SignInAsync("Bearer " + token, returnUrl: "//evil.example/phish");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/staff/dashboard", "a return address off this site is ignored");
        var cookie = SessionCookie(response);
        cookie.Should().Contain("httponly").And.Contain("samesite=lax").And.NotContain("secure", "this request came over plain HTTP");
        browser.Cookie("staff_session").Should().NotContain(token.Split('.')[1], "the cookie holds the session's key, not the token");
        (await browser.GetAsync("/staff/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await new StaffBrowser(factory).SignInAsync(token[..^6]);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Nyckeln godtas inte");
        (refused.Headers.TryGetValues("Set-Cookie", out var set) ? set : []).Should().NotContain(c => c.StartsWith("staff_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure()
    {
        var browser = new StaffBrowser(factory, "https://localhost");

        var response = await browser.SignInAsync(factory.Token(["analyst"], ["2514"]));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SessionCookie(response).Should().Contain("secure").And.Contain("httponly");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(30 * 24, 12)]
    public async Task The_session_ends_with_its_token_and_at_most_twelve_hours_after_sign_in(int tokenHours, int sessionHours)
    {
        var response = await new StaffBrowser(factory).SignInAsync(factory.Token(["analyst"], ["2514"], TimeSpan.FromHours(tokenHours)));

        var expires = SessionCookie(response).Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase));
        DateTimeOffset.Parse(expires["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(sessionHours), TimeSpan.FromMinutes(2));
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
        var browser = await SignedInAsync(factory.Token([role], ["2514"]));
        var response = await browser.GetAsync($"/staff/dashboard/{slug}");

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
        var browser = await SignedInAsync(factory.Token(["admin"], ["*"]));

        (await browser.GetAsync($"/api/v1/staff/surveys/{slug}/ranking?format=csv")).StatusCode.Should().Be(HttpStatusCode.OK, "export links work from the page");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/staff/surveys/{slug}/population")
        {
            Content = new StringContent("ageGroup;gender;population\n16-24;kvinna;1\n", Encoding.UTF8, "text/csv"),
        };
        (await browser.SendAsync(put)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a change needs the Authorization header, so no other site can make one");
        var post = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/staff/surveys/{slug}/invitations")
        {
            Content = new StringContent("""{"count":1}""", Encoding.UTF8, "application/json"),
        };
        (await browser.SendAsync(post)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logging_out_ends_the_session_so_a_copied_cookie_stops_working()
    {
        var browser = await SignedInAsync(factory.Token(["analyst"], ["2514"]));
        var thief = new StaffBrowser(factory);
        thief.SetCookie("staff_session", browser.Cookie("staff_session")!);
        (await thief.GetAsync("/staff/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK, "a copy works while the session lasts");

        var logout = await browser.LogOutAsync();

        logout.StatusCode.Should().Be(HttpStatusCode.Redirect);
        logout.Headers.Location!.ToString().Should().Be("/staff/login");
        browser.Cookie("staff_session").Should().BeNull("the cookie is deleted");
        var afterwards = await thief.GetAsync("/staff/dashboard");
        afterwards.StatusCode.Should().Be(HttpStatusCode.Redirect, "the session is gone from the server, whoever holds the cookie");
        afterwards.Headers.Location!.ToString().Should().StartWith("/staff/login");
    }

    [Fact]
    public async Task Signing_in_starts_a_new_session_even_when_the_browser_brings_one()
    {
        // Someone signed in as an analyst of Kalix plants their session cookie in another's browser (session fixation).
        var other = await SurveyAsync("1272");
        var planter = await SignedInAsync(factory.Token(["analyst"], ["2514"]));
        var victim = new StaffBrowser(factory);
        victim.SetCookie("staff_session", planter.Cookie("staff_session")!);

        (await victim.SignInAsync(factory.Token(["admin"], ["*"]))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await (await victim.GetAsync("/staff/dashboard")).Content.ReadAsStringAsync()).Should().Contain($"/staff/dashboard/{other}");
        (await (await planter.GetAsync("/staff/dashboard")).Content.ReadAsStringAsync())
            .Should().NotContain($"/staff/dashboard/{other}", "the planted cookie's session is still the analyst's, not the admin's who signed in");
    }

    [Fact]
    public async Task The_survey_list_shows_only_granted_municipalities()
    {
        var own = await SurveyAsync("2514");
        var other = await SurveyAsync("1272");
        var browser = await SignedInAsync(factory.Token(["analyst"], ["2514"]));
        var html = await (await browser.GetAsync("/staff/dashboard")).Content.ReadAsStringAsync();

        html.Should().Contain($"/staff/dashboard/{own}").And.NotContain(other);
    }
}
