using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Survey.IntegrationTests.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "browser";
}

// The embedded host as a process on a free port, and Debian's Chromium driven by Playwright.
public sealed class BrowserSite : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("survey-browser-").FullName;
    private IPlaywright _playwright = null!;

    public ServiceProcess Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public string BaseUrl => Host.BaseAddress.ToString().TrimEnd('/');

    public static string ScreenshotFolder { get; } = Path.Combine(Repository.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Host = new ServiceProcess("Survey.AllInOne", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = "",
            ["ConnectionStrings__rabbitmq"] = "",
            ["Storage__DataDirectory"] = _data,
            ["Intake__ResponsesPerMinutePerClient"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await Host.StartAsync(TimeSpan.FromSeconds(60));
        // The embedded host makes a development key and writes a ready-made token into its data folder.
        Api = new HttpClient { BaseAddress = Host.BaseAddress };
        Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await File.ReadAllTextAsync(Path.Combine(_data, "dev-token.txt"))).Trim());

        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"{chromium} is missing. Run the tests with ./test.sh, which installs Debian's chromium.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    public async Task<IPage> NewPageAsync(string locale = "sv-SE", bool javaScript = true, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public async Task<string> CreateSurveyAsync(DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, bool invitationOnly = false, object? questions = null,
        object? accessibilityContact = null)
    {
        var slug = "web-" + Guid.NewGuid().ToString("N")[..8];
        var response = await Api.PostAsJsonAsync("api/v1/staff/surveys", new
        {
            slug,
            municipalityCode = "2514",
            title = (string?)null,
            pledgePeriodStart = "2027-01-01",
            pledgePeriodEnd = "2028-12-31",
            opensAt = opensAt ?? DateTimeOffset.UtcNow.AddDays(-1),
            closesAt = closesAt ?? DateTimeOffset.UtcNow.AddDays(30),
            languages = new[] { "sv", "en", "fi" },
            areas = new[] { new { code = "centrum", label = "Kalix centrum" }, new { code = "tore", label = "Töre" } },
            concerns = new[] { "narkotika", "inbrott", "vald-i-nara-relation", "trafik" },
            invitationOnly,
            minimumCellSize = 1, // these tests read single answers back
            questions,
            accessibilityContact,
        });
        response.EnsureSuccessStatusCode();
        return slug;
    }

    public async Task<JsonNode> RankingAsync(string slug) =>
        JsonNode.Parse(await Api.GetStringAsync($"api/v1/staff/surveys/{slug}/ranking"))!;

    public static long Count(JsonNode ranking, string concern) =>
        ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == concern)!["count"]!.GetValue<long>();

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
}
