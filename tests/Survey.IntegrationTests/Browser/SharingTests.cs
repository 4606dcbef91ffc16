using System.Diagnostics;
using Microsoft.Playwright;

namespace Survey.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public class SharingTests(BrowserSite site)
{
    [Fact]
    public async Task A_survey_embedded_through_embed_js_can_be_answered_and_its_frame_fits_its_content()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE", width: 1024);
        // The municipality's own page, served from another origin (another port), with the one
        // script tag comms staff paste in.
        using var municipality = new StaticPage($"""
            <!DOCTYPE html><html lang="sv"><head><title>Kalix kommun</title></head>
            <body><h1>Trygghet i Kalix</h1><p>Svara på enkäten nedan.</p>
            <script src="{site.BaseUrl}/embed.js" data-survey="{slug}" data-channel="kommunens-webb" async></script>
            <footer>Kalix kommun</footer></body></html>
            """);
        await page.GotoAsync(municipality.Url);

        var frameElement = page.Locator("iframe");
        await frameElement.WaitForAsync();
        (await frameElement.GetAttributeAsync("title")).Should().NotBeNullOrWhiteSpace("an iframe needs a title for screen readers");
        var frame = page.FrameLocator("iframe");
        await frame.GetByLabel("Inbrott", new() { Exact = true }).CheckAsync();
        await WaitForHeightAsync(frameElement, h => h is > 1000 and < 4000);
        var formHeight = (await frameElement.BoundingBoxAsync())!.Height;

        await frame.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
        await frame.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync();
        await WaitForHeightAsync(frameElement, h => h < formHeight / 2);
        await BrowserSite.ScreenshotAsync(page, "embedded-thanks-1024");

        var ranking = await site.RankingAsync(slug);
        BrowserSite.Count(ranking, "inbrott").Should().Be(1);
    }

    [Fact]
    public async Task The_qr_code_decodes_back_to_the_share_link_of_its_channel()
    {
        var slug = await site.CreateSurveyAsync();
        var png = await site.Api.GetByteArrayAsync($"s/{slug}/qr.png?k=affisch");
        var file = Path.Combine(BrowserSite.ScreenshotFolder, $"qr-{slug}.png");
        await File.WriteAllBytesAsync(file, png);

        var decoded = await ZbarAsync(file);

        decoded.Should().Be($"{site.BaseUrl}/s/{slug}?k=affisch");
        var svg = await site.Api.GetStringAsync($"s/{slug}/qr.svg?k=affisch");
        svg.Should().StartWith("<svg").And.Contain("viewBox");
    }

    [Fact]
    public async Task A_shared_link_shows_a_title_and_description()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE");
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}?k=facebook");

        (await page.Locator("meta[property='og:title']").GetAttributeAsync("content")).Should().Be("Var med och påverka – Kalix");
        (await page.Locator("meta[property='og:description']").GetAttributeAsync("content")).Should().Contain("2027–2028");
    }

    private static async Task WaitForHeightAsync(ILocator frame, Func<double, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        double height;
        while (!condition(height = (await frame.BoundingBoxAsync())!.Height))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The iframe stayed {height} px high.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> ZbarAsync(string png)
    {
        var start = new ProcessStartInfo("zbarimg", ["--quiet", "--raw", png]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("zbarimg is missing. Run the tests with ./test.sh, which installs zbar-tools.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await process.StandardError.ReadToEndAsync());
        return output.Trim();
    }

    // A page on a port of its own: another origin, as a municipality's web site is.
    private sealed class StaticPage : IDisposable
    {
        private readonly System.Net.HttpListener _listener = new();

        public StaticPage(string html)
        {
            var port = ServiceProcess.FreePort();
            Url = $"http://127.0.0.1:{port}/trygghet";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    System.Net.HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception e) when (e is System.Net.HttpListenerException or ObjectDisposedException) { return; }
                    var body = System.Text.Encoding.UTF8.GetBytes(html);
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public void Dispose() => _listener.Close();
    }
}
