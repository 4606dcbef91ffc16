using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Access;

// The sign-in and logout forms: where they send you back to, and that they only take what the page itself sent.
public class StaffSignInTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private string Analyst => factory.Token(["analyst"], ["2514"]);

    private static async Task<HttpResponseMessage> SignInAsync(StaffBrowser browser, string token, string returnUrl) =>
        await browser.PostFormAsync("/staff/login", new Dictionary<string, string>
        {
            [StaffBrowser.FormTokenField] = await browser.FormTokenAsync("/staff/login"),
            ["token"] = token,
            ["returnUrl"] = returnUrl,
        });

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0A/evil.example")]
    [InlineData("/%0D%0ASet-Cookie:%20a=b")]
    [InlineData("%00//evil.example")]
    [InlineData("/staff/dashboard%7F")]
    public async Task A_return_address_with_a_control_character_is_refused_on_both_sides_of_the_sign_in(string encoded)
    {
        // A browser drops tabs and line breaks from an address: "/\t/evil.example" would take it to //evil.example.
        var browser = new StaffBrowser(factory);

        var page = await browser.GetAsync($"/staff/login?returnUrl={encoded}");
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().Contain("otillåtna tecken").And.NotContain("evil.example");

        var post = await SignInAsync(browser, Analyst, Uri.UnescapeDataString(encoded));
        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        post.Headers.Location.Should().BeNull();
        browser.Cookie("staff_session").Should().BeNull();
    }

    [Theory]
    [InlineData("/%C3%A9")]
    [InlineData("/staff/dashboard/demo%E2%80%8B")]
    [InlineData("/%E3%80%80/evil.example")]
    [InlineData("/%EF%BC%8Fevil.example")]
    [InlineData("/%EF%BF%BD")] // U+FFFD, what a decoder makes of a byte that is no UTF-8
    [InlineData("/staff/dashboard%20")]
    public async Task A_return_address_with_a_character_a_header_cannot_hold_is_refused_on_both_sides_of_the_sign_in(string encoded)
    {
        // The redirect after signing in carries the address in the Location header, which holds visible ASCII only:
        // Kestrel fails the response (a 500) on anything else. The addresses LoginPath makes are escaped, so never hold one.
        var browser = new StaffBrowser(factory);

        var page = await browser.GetAsync($"/staff/login?returnUrl={encoded}");
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().Contain("otillåtna tecken");

        var post = await SignInAsync(browser, Analyst, Uri.UnescapeDataString(encoded));
        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        post.Headers.Location.Should().BeNull();
        browser.Cookie("staff_session").Should().BeNull();
    }

    [Fact]
    public async Task The_return_address_a_page_sends_to_the_sign_in_comes_back_after_it()
    {
        // A page opened without a session sends the browser to LoginPath: its path and query, escaped, survive the round trip.
        var browser = new StaffBrowser(factory);
        var start = await browser.GetAsync("/staff/dashboard/demo?by=gender&x=%C3%A9%20");
        start.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var page = await browser.GetAsync(start.Headers.Location!.ToString());
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var post = await SignInAsync(browser, Analyst, "/staff/dashboard/demo?by=gender&x=%C3%A9%20");

        post.Headers.Location!.ToString().Should().Be("/staff/dashboard/demo?by=gender&x=%C3%A9%20");
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("evil.example")]
    public async Task A_return_address_off_this_site_is_replaced_by_the_list_of_surveys(string returnUrl)
    {
        var browser = new StaffBrowser(factory);

        var page = await (await browser.GetAsync($"/staff/login?returnUrl={Uri.EscapeDataString(returnUrl)}")).Content.ReadAsStringAsync();
        page.Should().Contain("name=\"returnUrl\" value=\"/staff/dashboard\"").And.NotContain("evil.example");
        var post = await SignInAsync(browser, Analyst, returnUrl);
        post.Headers.Location!.ToString().Should().Be("/staff/dashboard");
    }

    [Fact]
    public async Task A_return_address_on_this_site_is_kept()
    {
        var post = await SignInAsync(new StaffBrowser(factory), Analyst, "/staff/dashboard/demo?by=gender");

        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        post.Headers.Location!.ToString().Should().Be("/staff/dashboard/demo?by=gender");
    }

    [Fact]
    public async Task A_form_without_the_pages_antiforgery_token_is_refused_with_a_message()
    {
        var browser = new StaffBrowser(factory);
        (await browser.FormTokenAsync("/staff/login")).Should().NotBeEmpty("the sign-in form carries a token");

        var forged = await browser.PostFormAsync("/staff/login", new Dictionary<string, string> { ["token"] = Analyst });
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).Should().Contain("Formuläret godtogs inte").And.Contain("Ladda om sidan");
        browser.Cookie("staff_session").Should().BeNull();

        // A token from another browser's page does not match this browser's antiforgery cookie.
        var other = await new StaffBrowser(factory).FormTokenAsync("/staff/login");
        (await browser.PostFormAsync("/staff/login", new Dictionary<string, string> { [StaffBrowser.FormTokenField] = other, ["token"] = Analyst }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // Logging out: the page's form carries a token, and another site's form (without one) ends nothing.
        (await browser.SignInAsync(Analyst)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.FormTokenAsync("/staff/dashboard")).Should().NotBeEmpty("the logout form carries a token");
        var logout = await browser.PostFormAsync("/staff/logout", new Dictionary<string, string>());
        logout.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/staff/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK, "the session goes on");
    }
}

// A developer's embedded host: the development key, the one-click sign-in switched on, requests from this machine.
public sealed class DevelopmentHost : EmbeddedHostFactory
{
    public DevelopmentHost()
    {
        DevelopmentKey = true;
        RemoteAddress = IPAddress.Loopback;
        Settings["Auth:DevelopmentSignIn"] = "true";
        // A data folder the host makes itself, as on a first run.
        DataDirectory = Path.Combine(Directory.CreateTempSubdirectory("survey-tests-").FullName, "data");
    }
}

public class DevelopmentSignInTests(DevelopmentHost host) : IClassFixture<DevelopmentHost>
{
    private static Dictionary<string, string> OneClick(string formToken) => new()
    {
        [StaffBrowser.FormTokenField] = formToken,
        ["development"] = "1",
    };

    [Fact]
    public async Task A_developer_at_this_machine_signs_in_with_one_click()
    {
        var browser = new StaffBrowser(host);

        (await (await browser.GetAsync("/staff/login")).Content.ReadAsStringAsync()).Should().Contain("Logga in med utvecklingsnyckeln");
        var response = await browser.PostFormAsync("/staff/login", OneClick(await browser.FormTokenAsync("/staff/login")));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync("/staff/dashboard/demo")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("X-Forwarded-Proto", "https")]
    [InlineData("X-Forwarded-Host", "enkat.kalix.se")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    [InlineData("Via", "1.1 proxy.kalix.se")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    [InlineData("CF-Connecting-IP", "203.0.113.7")]
    [InlineData("True-Client-IP", "203.0.113.7")]
    [InlineData("X-Client-IP", "203.0.113.7")]
    [InlineData("X-Cluster-Client-IP", "203.0.113.7")]
    [InlineData("Fastly-Client-IP", "203.0.113.7")]
    [InlineData("Client-IP", "203.0.113.7")]
    [InlineData("x-real-ip", "203.0.113.7")]
    public async Task A_request_through_a_proxy_never_gets_the_one_click_sign_in(string header, string value)
    {
        // A proxy on this machine makes every request come from loopback: the headers tell.
        var browser = new StaffBrowser(host);

        var page = await (await browser.GetAsync("/staff/login", (header, value))).Content.ReadAsStringAsync();
        page.Should().NotContain("utvecklingsnyckeln");
        var response = await browser.PostFormAsync("/staff/login", OneClick(await browser.FormTokenAsync("/staff/login")), (header, value));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        browser.Cookie("staff_session").Should().BeNull();
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_one_click_sign_in()
    {
        using var plain = new EmbeddedHostFactory { DevelopmentKey = true, RemoteAddress = IPAddress.Loopback };
        var browser = new StaffBrowser(plain);

        (await (await browser.GetAsync("/staff/login")).Content.ReadAsStringAsync()).Should().NotContain("utvecklingsnyckeln");
        var response = await browser.PostFormAsync("/staff/login", OneClick(await browser.FormTokenAsync("/staff/login")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        browser.Cookie("staff_session").Should().BeNull();
    }

    [Fact]
    public void The_development_key_and_token_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        _ = host.Services; // started: the key is made and the token written

        File.GetUnixFileMode(host.DataDirectory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(host.DataDirectory, "dev-signing-key")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.Combine(host.DataDirectory, "dev-token.txt")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.Combine(host.DataDirectory, "survey.db")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "it holds the answers");
    }

    [Fact]
    public void Key_files_left_readable_by_an_earlier_version_are_made_private()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Directory.CreateTempSubdirectory("survey-tests-").FullName;
        const UnixFileMode everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        foreach (var name in new[] { "dev-signing-key", "dev-token.txt" })
        {
            File.WriteAllText(Path.Combine(folder, name), name == "dev-signing-key" ? Convert.ToBase64String(new byte[48]) : "old");
            File.SetUnixFileMode(Path.Combine(folder, name), everyone);
        }
        using var upgraded = new EmbeddedHostFactory { DevelopmentKey = true, DataDirectory = folder };
        _ = upgraded.Services;

        File.GetUnixFileMode(Path.Combine(folder, "dev-signing-key")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.Combine(folder, "dev-token.txt")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}

// With Auth:Authority and Auth:ClientId the staff pages sign in at the provider (its metadata given here, no network).
public sealed class OpenIdConnectHost : EmbeddedHostFactory
{
    public OpenIdConnectHost()
    {
        Settings["Auth:Authority"] = "https://idp.example/";
        Settings["Auth:ClientId"] = "medborgarlofte-staff";
        Settings["Auth:ClientSecret"] = "test-secret";
        ConfigureTestServices = s => s.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.Configuration = new OpenIdConnectConfiguration
        {
            Issuer = "https://idp.example/",
            AuthorizationEndpoint = "https://idp.example/authorize",
            TokenEndpoint = "https://idp.example/token",
            EndSessionEndpoint = "https://idp.example/logout",
        });
    }
}

public class OpenIdConnectSignInTests(OpenIdConnectHost host) : IClassFixture<OpenIdConnectHost>
{
    [Fact]
    public async Task A_page_request_without_a_session_goes_to_the_provider_with_code_flow_and_pkce()
    {
        var response = await new StaffBrowser(host).GetAsync("/staff/dashboard/demo");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be("https://idp.example/authorize");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        query["client_id"].ToString().Should().Be("medborgarlofte-staff");
        query["response_type"].ToString().Should().Be("code");
        query["code_challenge_method"].ToString().Should().Be("S256");
        query["code_challenge"].ToString().Should().NotBeEmpty();
        query["scope"].ToString().Split(' ').Should().BeEquivalentTo(["openid", "profile", "staff"]);
        query["redirect_uri"].ToString().Should().Be("http://localhost/signin-oidc");
    }

    [Fact]
    public async Task When_the_provider_cannot_be_reached_the_page_says_so_instead_of_failing()
    {
        using var unreachable = new EmbeddedHostFactory
        {
            Settings =
            {
                ["Auth:Authority"] = "http://127.0.0.1:9/",
                ["Auth:ClientId"] = "medborgarlofte-staff",
                ["Auth:RequireHttpsMetadata"] = "false",
            },
        };
        var browser = new StaffBrowser(unreachable);

        foreach (var path in new[] { "/staff/dashboard/demo", "/staff/login/oidc?returnUrl=%2Fstaff%2Fdashboard" })
        {
            var response = await browser.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, path);
            (await response.Content.ReadAsStringAsync()).Should().Contain("Inloggningstjänsten svarar inte");
        }
    }

    [Fact]
    public async Task The_api_still_answers_401_and_the_sign_in_page_offers_the_provider()
    {
        var browser = new StaffBrowser(host);

        var api = await browser.GetAsync("/api/v1/staff/surveys");
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");
        (await (await browser.GetAsync("/staff/login")).Content.ReadAsStringAsync()).Should().Contain("/staff/login/oidc?returnUrl=");
        var start = await browser.GetAsync("/staff/login/oidc?returnUrl=%2Fstaff%2Fdashboard");
        start.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("https://idp.example/authorize");
    }
}
