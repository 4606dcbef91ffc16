using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Survey.IntegrationTests.Browser;

// The embedded host with Auth:Authority pointing at a real OpenID Connect provider started for these tests.
public sealed class OidcSite : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("survey-oidc-").FullName;

    public ServiceProcess Host { get; private set; } = null!;
    public OidcProvider Provider { get; private set; } = null!;
    public string BaseUrl => Host.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        // The host's port is chosen first: the provider needs the host's redirect addresses, the host the provider's address.
        Host = new ServiceProcess("Survey.AllInOne", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = "",
            ["ConnectionStrings__rabbitmq"] = "",
            ["Storage__DataDirectory"] = _data,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        Provider = new OidcProvider(Host.BaseAddress);
        await Provider.StartAsync(TimeSpan.FromSeconds(30));
        Host.Environment["Auth__Authority"] = Provider.Issuer;
        Host.Environment["Auth__ClientId"] = Provider.ClientId;
        Host.Environment["Auth__ClientSecret"] = Provider.ClientSecret;
        // The test provider speaks plain HTTP on loopback; a real one is read over HTTPS only.
        Host.Environment["Auth__RequireHttpsMetadata"] = "false";
        await Host.StartAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

// Staff sign in at the municipality's provider: Chromium opens a dashboard, is sent to the provider,
// signs in and consents there, and comes back signed in; then logs out, here and at the provider.
[Collection(BrowserCollection.Name)]
public class OidcSignInTests(BrowserSite site, OidcSite oidc) : IClassFixture<OidcSite>
{
    private IEnumerable<JsonObject> Seen(string name) => oidc.Provider.Events.Where(e => e["event"]!.GetValue<string>() == name);

    [Fact]
    public async Task An_analyst_signs_in_at_the_provider_sees_only_her_municipality_and_logs_out_there_too()
    {
        // A survey of another municipality, made through the staff API with a token the provider signed:
        // JwtBearer checks it against the keys the provider publishes.
        using var api = new HttpClient { BaseAddress = oidc.Host.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await oidc.Provider.SetupTokenAsync());
        var other = "oidc-" + Guid.NewGuid().ToString("N")[..8];
        var created = await api.PostAsJsonAsync("api/v1/staff/surveys", new
        {
            slug = other, municipalityCode = "1272", pledgePeriodStart = "2027-01-01", pledgePeriodEnd = "2027-12-31",
            opensAt = DateTimeOffset.UtcNow.AddDays(-1), closesAt = DateTimeOffset.UtcNow.AddDays(30),
            languages = new[] { "sv" }, areas = Array.Empty<object>(), concerns = new[] { "narkotika", "trafik" },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "sv-SE", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // Not signed in: the dashboard sends the browser to the provider's sign-in form.
        await page.GotoAsync($"{oidc.BaseUrl}/staff/dashboard/demo");
        page.Url.Should().StartWith($"{oidc.Provider.Issuer}/interaction/", oidc.Provider.RecentOutput);
        await BrowserSite.ScreenshotAsync(page, "staff-oidc-provider-login-1280");
        await page.Locator("input[name=login]").FillAsync("anna.analytiker");
        await page.Locator("input[name=password]").FillAsync("vilket-som-helst");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        // The provider asks for consent to the scopes (profile, staff).
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Back on the dashboard, signed in.
        await page.WaitForURLAsync($"{oidc.BaseUrl}/staff/dashboard/demo");
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("Problembild", await page.ContentAsync() + oidc.Host.RecentOutput);
        await page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Problembild") }).WaitForAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).IsVisibleAsync()).Should().BeTrue();
        await BrowserSite.ScreenshotAsync(page, "staff-oidc-signed-in-1280");
        var session = (await context.CookiesAsync()).Single(c => c.Name == "staff_session");
        session.HttpOnly.Should().BeTrue();
        session.SameSite.Should().Be(SameSiteAttribute.Lax);

        // What the provider saw: code flow with PKCE (S256) asking for the staff scope, its own login and
        // consent pages, the code exchanged with its verifier by the confidential client, and userinfo read.
        var authorization = Seen("authorization").Single(e => e["client"]!.GetValue<string>() == oidc.Provider.ClientId);
        authorization["response_type"]!.GetValue<string>().Should().Be("code");
        authorization["code_challenge_method"]!.GetValue<string>().Should().Be("S256");
        authorization["code_challenge"]!.GetValue<bool>().Should().BeTrue();
        authorization["scope"]!.GetValue<string>().Split(' ').Should().Contain(["openid", "profile", "staff"]);
        var pushed = Seen("par").Count();
        var prompts = Seen("interaction").Select(e => e["prompt"]!.GetValue<string>()).ToList();
        prompts.Should().Equal("login", "consent");
        var exchange = Seen("token").Single(e => e["client"]!.GetValue<string>() == oidc.Provider.ClientId);
        exchange["grant_type"]!.GetValue<string>().Should().Be("authorization_code");
        exchange["code_verifier"]!.GetValue<bool>().Should().BeTrue();
        Seen("request").Should().Contain(e => e["path"]!.GetValue<string>() == "/me" && e["status"]!.GetValue<int>() == 200, "the claims come from userinfo");

        // Another municipality's survey: the Swedish refusal, from the claims the provider gave (municipality 2514 only).
        var refused = await page.GotoAsync($"{oidc.BaseUrl}/staff/dashboard/{other}");
        refused!.Status.Should().Be(403);
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Ingen behörighet");
        (await page.Locator("main").InnerTextAsync()).Should().Contain("Du har inte tillgång till uppgifter för Bromölla kommun.");

        // Logging out ends the session here (a copy of the cookie stops working) and at the provider.
        await page.GotoAsync($"{oidc.BaseUrl}/staff/dashboard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        // The URL is what is checked, not the page's load event: on a loaded machine (a clean-clone run, 2026-12-07) the
        // load of the sign-in page took over 30 s after the provider had already sent the browser there.
        await page.WaitForURLAsync(new Regex("/staff/login$"), new() { WaitUntil = WaitUntilState.Commit, Timeout = 90_000 });
        Seen("end_session").Should().ContainSingle();
        (await context.CookiesAsync()).Should().NotContain(c => c.Name == "staff_session");
        using (var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = oidc.Host.BaseAddress })
        {
            copy.DefaultRequestHeaders.Add("Cookie", $"staff_session={session.Value}");
            var reused = await copy.GetAsync("staff/dashboard");
            reused.StatusCode.Should().Be(HttpStatusCode.Redirect);
            reused.Headers.Location!.ToString().Should().StartWith($"{oidc.Provider.Issuer}/", "the copied cookie's session is gone: sign in again");
        }
        // The provider's session ended too: the next page asks for the password again.
        await page.GotoAsync($"{oidc.BaseUrl}/staff/dashboard/demo");
        await page.Locator("input[name=password]").WaitForAsync();

        Measurements.Record("OpenID Connect sign-in (oidc-provider): " + string.Join(", ",
            $"pushed authorisation requests={pushed}",
            $"response_type={authorization["response_type"]}",
            $"code_challenge_method={authorization["code_challenge_method"]}",
            $"scope=\"{authorization["scope"]}\"",
            "prompts=" + string.Join("+", prompts),
            $"token grant={exchange["grant_type"]} with code_verifier={exchange["code_verifier"]}",
            $"userinfo reads={Seen("request").Count(e => e["path"]!.GetValue<string>() == "/me")}",
            $"end_session={Seen("end_session").Count()}"));
        await context.CloseAsync();
    }
}
