using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Survey.IntegrationTests.Browser;

// The analyst's page in Chromium: sign in, read the proposal, switch breakdowns, export, print.
[Collection(BrowserCollection.Name)]
public class DashboardTests(BrowserSite site)
{
    private async Task<string> SurveyAsync(string municipality, int year)
    {
        var slug = $"dash-{year}-" + Guid.NewGuid().ToString("N")[..6];
        (await site.Api.PostAsJsonAsync("api/v1/staff/surveys", new
        {
            slug,
            municipalityCode = municipality,
            title = $"Var med och påverka {year}",
            pledgePeriodStart = $"{year}-01-01",
            pledgePeriodEnd = $"{year}-12-31",
            opensAt = DateTimeOffset.UtcNow.AddDays(-1),
            closesAt = DateTimeOffset.UtcNow.AddDays(30),
            languages = new[] { "sv" },
            areas = new[] { new { code = "centrum", label = "Centrum" }, new { code = "norr", label = "Norr" }, new { code = "by", label = "Byarna" } },
            concerns = new[] { "narkotika", "inbrott", "vald-i-nara-relation", "trafik", "skadegorelse" },
            minimumCellSize = 5,
        })).EnsureSuccessStatusCode();
        return slug;
    }

    private async Task AnswerAsync(string slug, int count, int seed, double drugs)
    {
        var random = new Random(seed);
        string[] areas = ["centrum", "centrum", "norr", "by"], ages = ["16-24", "25-44", "45-64", "65-84"], genders = ["kvinna", "man"];
        string[] channels = ["facebook", "affisch", "lokaltidningen"];
        for (var i = 0; i < count; i++)
        {
            var concerns = new List<string>();
            if (random.NextDouble() < drugs) concerns.Add("narkotika");
            if (random.NextDouble() < 0.35) concerns.Add("trafik");
            if (random.NextDouble() < 0.25) concerns.Add("inbrott");
            if (random.NextDouble() < 0.15) concerns.Add("skadegorelse");
            if (i % 40 == 0) concerns.Add("vald-i-nara-relation"); // rare: hidden
            (await site.Api.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", new
            {
                concerns, priorities = concerns.Take(3), area = areas[random.Next(areas.Length)], ageGroup = ages[random.Next(ages.Length)],
                gender = genders[random.Next(genders.Length)], channel = channels[random.Next(channels.Length)],
            })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task An_analyst_signs_in_reads_the_proposal_switches_breakdown_exports_and_prints()
    {
        // Stockholm (0180) with years of its own, so the trend compares exactly these two surveys.
        var before = await SurveyAsync("0180", 2036);
        var now = await SurveyAsync("0180", 2037);
        await AnswerAsync(before, 80, seed: 1, drugs: 0.3);
        await AnswerAsync(now, 120, seed: 2, drugs: 0.6);
        (await site.Api.PutAsync($"api/v1/staff/surveys/{now}/population?source=SCB",
            new StringContent("ageGroup;gender;population\n16-24;kvinna;40000\n16-24;man;42000\n25-44;kvinna;150000\n25-44;man;155000\n" +
                              "45-64;kvinna;120000\n45-64;man;122000\n65-84;kvinna;70000\n65-84;man;62000\n", System.Text.Encoding.UTF8, "text/csv")))
            .EnsureSuccessStatusCode();
        var api = await site.RankingAsync(now);

        var page = await site.NewPageAsync("sv-SE", width: 1280);
        await page.GotoAsync($"{site.BaseUrl}/staff/dashboard/{now}");
        // Not signed in: the sign-in page, then back to the dashboard.
        page.Url.Should().Contain("/staff/login");
        await BrowserSite.ScreenshotAsync(page, "staff-login-1280");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByLabel("Åtkomstnyckel").FillAsync(site.Api.DefaultRequestHeaders.Authorization!.Parameter!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Problembild för medborgarlöfte 2037, Stockholms kommun" }).WaitForAsync();

        // The proposal names the API's focus areas, with figures, and the draft pledge can be edited.
        var focus = api["focusAreas"]!.AsArray().Select(f => f!["label"]!.GetValue<string>()).ToList();
        focus.Should().NotBeEmpty();
        var proposal = page.Locator("ol.proposal li");
        (await proposal.CountAsync()).Should().Be(focus.Count);
        (await proposal.First.InnerTextAsync()).Should().StartWith(focus[0]).And.Contain("svarande").And.Contain("sedan förra mätningen");
        var pledge = page.GetByLabel("Utkast till medborgarlöfte – redigera och kopiera");
        (await pledge.InputValueAsync()).Should().Contain($"arbeta tillsammans mot {focus[0].ToLowerInvariant()}");

        // The ranked table: every concern, the hidden one says so, the chart has a whisker triple per shown bar.
        var rows = page.Locator("table.ranking tbody tr");
        (await rows.CountAsync()).Should().Be(5);
        (await page.Locator("table.ranking tbody tr.hidden-row").InnerTextAsync()).Should().Contain("Våld i nära relation").And.Contain("dold");
        var bars = await page.Locator("figure.chart rect.bar").CountAsync();
        bars.Should().Be(4);
        (await page.Locator("figure.chart line.whisker").CountAsync()).Should().Be(3 * bars);
        (await page.Locator("table.ranking thead").InnerTextAsync()).Should().Contain("Vägd andel").And.Contain("Förändring sedan 2036");
        await BrowserSite.ScreenshotAsync(page, "dashboard-1280");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        // On a phone the wide tables scroll inside their own box; the page itself does not.
        await page.SetViewportSizeAsync(375, 900);
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("no sideways scrolling at 375 px");
        await BrowserSite.ScreenshotAsync(page, "dashboard-375");
        await page.SetViewportSizeAsync(1280, 900);

        // The breakdown selector reloads the page with the chosen breakdown.
        await page.GetByLabel("Dela upp efter").SelectOptionAsync(new SelectOptionValue { Label = "Åldersgrupp" });
        await page.WaitForFunctionAsync("() => document.querySelector('table.breakdown thead th')?.textContent === 'Åldersgrupp'");
        page.Url.Should().Contain("by=ageGroup");
        (await page.Locator("table.breakdown tbody th").AllInnerTextsAsync()).Should().Contain(["16–24 år", "65–84 år"]);

        // Export: the Excel button downloads a workbook with the cookie the sign-in set.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel (.xlsx)" }).ClickAsync());
        download.SuggestedFilename.Should().Be($"rangordning-{now}-{DateTime.UtcNow:yyyy-MM-dd}.xlsx");
        var path = await download.PathAsync();
        (await File.ReadAllBytesAsync(path!)).Take(2).Should().Equal((byte)'P', (byte)'K');

        // Printable for the steering group: the print layout hides the controls and prints the pledge in full.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        (await page.Locator("nav.exports").IsVisibleAsync()).Should().BeFalse();
        (await page.Locator(".pledge-print").IsVisibleAsync()).Should().BeTrue();
        (await page.Locator("figure.chart rect.bar").First.IsVisibleAsync()).Should().BeTrue("the chart prints");
        var pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(BrowserSite.ScreenshotFolder, "dashboard.pdf"), Format = "A4", PrintBackground = true });
        pdf.Length.Should().BeGreaterThan(10_000);
        await BrowserSite.ScreenshotAsync(page, "dashboard-print");

        // Signing out ends it.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await page.GotoAsync($"{site.BaseUrl}/staff/dashboard/{now}");
        page.Url.Should().Contain("/staff/login");
    }

    [Fact]
    public async Task With_its_own_questions_the_dashboard_reads_well_on_a_phone_and_on_a_laptop()
    {
        var slug = $"dash-egna-" + Guid.NewGuid().ToString("N")[..6];
        (await site.Api.PostAsJsonAsync("api/v1/staff/surveys", new
        {
            slug,
            municipalityCode = "2514",
            title = "Trygghet i Kalix 2038",
            pledgePeriodStart = "2038-01-01",
            pledgePeriodEnd = "2038-12-31",
            opensAt = DateTimeOffset.UtcNow.AddDays(-1),
            closesAt = DateTimeOffset.UtcNow.AddDays(30),
            languages = new[] { "sv" },
            areas = new[] { new { code = "centrum", label = "Kalix centrum" }, new { code = "tore", label = "Töre" } },
            concerns = new[] { "narkotika", "inbrott", "vald-i-nara-relation", "trafik", "skadegorelse" },
            minimumCellSize = 5,
            questions = System.Text.Json.Nodes.JsonNode.Parse("""
                [
                  {"code": "trygg-centrum", "type": "single", "label": {"sv": "Känner du dig trygg i centrum på kvällen?"},
                   "options": [{"code": "ja", "label": {"sv": "Ja"}}, {"code": "nej", "label": {"sv": "Nej"}}, {"code": "vet-ej", "label": {"sv": "Vet inte"}}]},
                  {"code": "platser", "type": "multiple", "label": {"sv": "Vilka platser undviker du när det är mörkt?"},
                   "options": [{"code": "torget", "label": {"sv": "Torget"}}, {"code": "stationen", "label": {"sv": "Busstationen"}},
                               {"code": "parken", "label": {"sv": "Parken vid älven"}}]},
                  {"code": "betyg", "type": "scale", "label": {"sv": "Hur nöjd är du med polisens närvaro där du bor?"}},
                  {"code": "ide", "type": "text", "label": {"sv": "Vad skulle göra centrum tryggare?"}}
                ]
                """),
        })).EnsureSuccessStatusCode();
        string[] channels = ["facebook", "lokaltidningen", "kommunens-webb"];
        for (var i = 0; i < 60; i++)
            (await site.Api.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", new
            {
                concerns = i % 3 == 0 ? new[] { "narkotika", "trafik" } : i % 3 == 1 ? new[] { "inbrott" } : new[] { "narkotika", "skadegorelse" },
                area = i % 2 == 0 ? "centrum" : "tore",
                ageGroup = new[] { "16-24", "25-44", "45-64", "65-84" }[i % 4],
                gender = i % 2 == 0 ? "kvinna" : "man",
                channel = channels[i % 3],
                answers = new Dictionary<string, object>
                {
                    // Two say "vet inte": fewer than five, so the dashboard must hide it as the API does.
                    ["trygg-centrum"] = i < 2 ? "vet-ej" : i % 3 == 0 ? "nej" : "ja",
                    ["platser"] = i % 4 == 0 ? new[] { "torget", "stationen" } : new[] { "parken" },
                    ["betyg"] = 1 + i % 5,
                    ["ide"] = "Mer belysning",
                },
            })).EnsureSuccessStatusCode();
        var single = System.Text.Json.Nodes.JsonNode.Parse(await site.Api.GetStringAsync($"api/v1/staff/surveys/{slug}/questions/trygg-centrum"))!;
        single["values"]!.AsArray().Single(v => v!["code"]!.GetValue<string>() == "vet-ej")!["count"].Should().BeNull("two is under the floor of five");

        var page = await site.NewPageAsync("sv-SE", width: 375);
        var failed = new List<string>();
        page.Response += (_, response) => { if (response.Status >= 400) failed.Add($"{response.Status} {response.Url}"); };
        page.Console += (_, message) => { if (message.Type == "error") failed.Add(message.Text); };
        await SignInAsync(page, $"/staff/dashboard/{slug}?by=trygg-centrum");

        // The questions, their results as the API gives them, and the question as a breakdown.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Egna frågor" }).WaitForAsync();
        var safe = page.Locator("article.question", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Känner du dig trygg i centrum på kvällen?" }) });
        (await safe.Locator("tr.hidden-row", new() { HasText = "Vet inte" }).InnerTextAsync()).Should().Contain("dold");
        (await safe.InnerTextAsync()).Should().Contain("60 svarade");
        (await page.Locator("table.breakdown thead th").First.InnerTextAsync()).Should().Be("Svar");
        (await page.Locator("table.breakdown tbody th").AllInnerTextsAsync()).Should().Contain(["Ja", "Nej"]);
        (await page.Locator("#by").InputValueAsync()).Should().Be("trygg-centrum");
        (await page.GetByRole(AriaRole.Table, new() { Name = "Var svaren kom ifrån" }).InnerTextAsync()).Should().Contain("Kommunens webb").And.Contain("Facebook");

        // On a phone: the page does not scroll sideways, chart labels are as large as text, every box that scrolls takes focus.
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("no sideways scrolling at 375 px");
        (await SmallestChartTextAsync(page)).Should().BeGreaterThanOrEqualTo(11, "chart labels must be readable at 375 px");
        var boxes = await ScrollBoxesAsync(page);
        boxes.Should().NotBeEmpty("the ranking table is wider than a phone, so its box scrolls").And.OnlyContain(b => b.Focusable,
            "a box that scrolls must be reachable by keyboard");
        (await page.Locator("figure.days rect.bar").First.BoundingBoxAsync())!.Width.Should().BeLessThan(40, "all the answers came on one day: a bar, not a block");
        // The ranking table's box scrolls with the arrow keys once it has focus; the concern's name stays in view.
        var ranking = page.GetByRole(AriaRole.Region, new() { Name = "Problem ordnade efter" });
        await ranking.FocusAsync();
        for (var i = 0; i < 8; i++) await page.Keyboard.PressAsync("ArrowRight");
        (await ranking.EvaluateAsync<double>("e => e.scrollLeft")).Should().BeGreaterThan(0);
        (await page.Locator("table.ranking tbody th").First.BoundingBoxAsync())!.X.Should().BeGreaterThanOrEqualTo(0, "the row heading sticks");
        await ranking.ScreenshotAsync(new() { Path = Path.Combine(BrowserSite.ScreenshotFolder, "dashboard-ranking-scrolled-375.png") });
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        await BrowserSite.ScreenshotAsync(page, "dashboard-questions-375");

        await page.SetViewportSizeAsync(1280, 900);
        await page.ReloadAsync();
        (await SmallestChartTextAsync(page)).Should().BeGreaterThanOrEqualTo(11);
        (await ScrollBoxesAsync(page)).Should().NotContain(b => !b.Focusable, "a box that scrolls must be reachable by keyboard");
        (await page.Locator("figure.days rect.bar").First.BoundingBoxAsync())!.Width.Should().BeLessThan(40);
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        await BrowserSite.ScreenshotAsync(page, "dashboard-questions-1280");
        (await page.TitleAsync()).Should().NotContain("(demo) (demo)");
        failed.Should().BeEmpty("no request of the page fails, the icon included");
    }

    // Signs in on the sign-in page with the host's token and lands on the page asked for.
    private async Task SignInAsync(IPage page, string path)
    {
        await page.GotoAsync(site.BaseUrl + path);
        await page.GetByLabel("Åtkomstnyckel").FillAsync(site.Api.DefaultRequestHeaders.Authorization!.Parameter!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains(path.Split('?')[0], StringComparison.Ordinal));
    }

    // The smallest text in the charts as drawn, in CSS pixels: an SVG's text is scaled with its drawing, HTML text is not.
    private static Task<double> SmallestChartTextAsync(IPage page) => page.EvaluateAsync<double>("""
        () => {
          const sizes = [];
          for (const t of document.querySelectorAll('figure svg text')) {
            const scale = t.ownerSVGElement.getScreenCTM().a;
            sizes.push(parseFloat(getComputedStyle(t).fontSize) * scale);
          }
          for (const e of document.querySelectorAll('figure.chart .bars span'))
            if ([...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
              sizes.push(parseFloat(getComputedStyle(e).fontSize));
          return sizes.length === 0 ? 0 : Math.min(...sizes);
        }
        """);

    private sealed record ScrollBox(string Name, bool Focusable);

    // Every element that scrolls sideways now, and whether the keyboard can reach it.
    private static async Task<List<ScrollBox>> ScrollBoxesAsync(IPage page) =>
        (await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth)
              .map(e => ({ name: e.getAttribute('aria-labelledby') ?? e.className, focusable: e.tabIndex >= 0 }))
            """)).EnumerateArray().Select(b => new ScrollBox(b.GetProperty("name").GetString()!, b.GetProperty("focusable").GetBoolean())).ToList();

    [Fact]
    public async Task A_key_that_is_not_valid_is_explained_on_the_sign_in_page()
    {
        var page = await site.NewPageAsync("sv-SE", width: 375);
        await page.GotoAsync($"{site.BaseUrl}/staff/login");
        await page.GetByLabel("Åtkomstnyckel").FillAsync("eyJhbGciOiJIUzI1NiJ9.e30.fel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("Nyckeln godtas inte");
        await BrowserSite.ScreenshotAsync(page, "staff-login-error-375");
    }
}
