using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Survey.IntegrationTests.Browser;

// "Ni sa – vi gjorde" (/s/{slug}/resultat) for a closed survey with answers and a pledge with progress, seeded through the
// public and staff APIs of the embedded host.
[Collection(BrowserCollection.Name)]
public class ResultsPageTests(BrowserSite site)
{
    // 8 respondents: 6 name drugs and traffic, 2 of them burglary too (below the floor of 5, so hidden); then closed.
    private async Task<string> ClosedSurveyWithPledgeAsync()
    {
        var slug = "res-" + Guid.NewGuid().ToString("N")[..8];
        (await site.Api.PostAsJsonAsync("api/v1/staff/surveys", new
        {
            slug, municipalityCode = "2514", pledgePeriodStart = "2027-01-01", pledgePeriodEnd = "2028-12-31",
            opensAt = DateTimeOffset.UtcNow.AddDays(-10), closesAt = DateTimeOffset.UtcNow.AddDays(10),
            languages = new[] { "sv", "en", "fi" }, areas = Array.Empty<object>(),
            concerns = new[] { "narkotika", "inbrott", "vald-i-nara-relation", "trafik" }, minimumCellSize = 5,
        })).EnsureSuccessStatusCode();
        for (var i = 0; i < 8; i++)
            (await site.Api.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", new
            {
                concerns = i < 2 ? new[] { "narkotika", "trafik", "inbrott" } : i < 6 ? ["narkotika", "trafik"] : Array.Empty<string>(),
            })).EnsureSuccessStatusCode();
        var survey = JsonNode.Parse(await site.Api.GetStringAsync($"api/v1/staff/surveys/{slug}"))!.AsObject();
        survey["closesAt"] = DateTimeOffset.UtcNow.AddMinutes(-1);
        (await site.Api.PutAsJsonAsync($"api/v1/staff/surveys/{slug}", survey)).EnsureSuccessStatusCode();

        (await site.Api.PutAsJsonAsync($"api/v1/staff/surveys/{slug}/pledge", new
        {
            focusAreas = new object[]
            {
                new { concern = "narkotika", why = new { sv = "Många nämnde langning vid busstationen.", en = "Many named drug dealing at the bus station." } },
                new { concern = "trafik", why = new { sv = "Bilar kör för fort förbi skolan.", en = "Cars drive too fast past the school." } },
            },
            activities = new object[]
            {
                new
                {
                    code = "trygghetsvandringar", text = new { sv = "Minst två trygghetsvandringar per år", en = "At least two safety walks a year" },
                    target = 2, unit = new { sv = "trygghetsvandringar", en = "safety walks" }, focusArea = "narkotika",
                },
            },
            signedOn = "2027-02-01",
            signedBy = new { sv = "kommunstyrelsens ordförande och lokalpolisområdeschefen", en = "the chair of the executive board and the local police chief" },
        })).EnsureSuccessStatusCode();
        foreach (var (date, done) in new[] { ("2027-04-10", 1), ("2027-09-20", 2) })
            (await site.Api.PostAsJsonAsync($"api/v1/staff/surveys/{slug}/pledge/progress", new
            {
                date, text = new { sv = $"Vandring nummer {done} är genomförd.", en = $"Walk number {done} is done." }, activity = "trygghetsvandringar", done,
            })).EnsureSuccessStatusCode();
        return slug;
    }

    [Theory]
    [InlineData("sv", 375)]
    [InlineData("sv", 1280)]
    [InlineData("en", 375)]
    [InlineData("en", 1280)]
    public async Task A_closed_surveys_results_and_the_pledges_progress_are_shown_accessibly(string language, int width)
    {
        var slug = await ClosedSurveyWithPledgeAsync();
        var page = await site.NewPageAsync(language == "sv" ? "sv-SE" : "en-GB", width: width);
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}/resultat?lang={language}");
        var sv = language == "sv";

        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be(language);
        (await page.Locator("h1").CountAsync()).Should().Be(1);
        await page.GetByRole(AriaRole.Heading, new() { Name = sv ? "Vad ni sa" : "What you said" }).WaitForAsync();
        var figures = page.GetByRole(AriaRole.Table, new() { Name = sv ? "Det här tog flest upp" : "The problems named most" });
        (await figures.GetByRole(AriaRole.Row, new() { Name = sv ? "Narkotika och droger" : "Drugs" }).TextContentAsync()).Should().Contain(sv ? "75\u00a0%" : "75%");
        (await figures.GetByRole(AriaRole.Row, new() { Name = sv ? "Inbrott" : "Burglary" }).CountAsync())
            .Should().Be(0, "a concern named by fewer than the floor is not listed among what residents raised most");
        var body = await page.Locator("main").InnerTextAsync();
        body.Should().NotContain("25\u00a0%").And.NotContain("25%", "2 of 8 is hidden");
        body.Should().Contain(sv ? "Många nämnde langning vid busstationen." : "Many named drug dealing at the bus station.");
        body.Should().Contain(sv ? "2 av 2 genomförda" : "2 of 2 done");
        body.Should().Contain(sv ? "Vandring nummer 2 är genomförd." : "Walk number 2 is done.");
        body.Should().NotContain(sv ? "Vandring nummer 1" : "Walk number 1", "only the latest update of an activity is shown");

        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        await BrowserSite.ScreenshotAsync(page, $"results-{language}-{width}");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue($"no sideways scrolling at {width} px");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')")).Should().Be("#main", "the skip link comes first");
        (await page.Locator("footer a[href^='/s/" + slug + "/tillganglighet']").CountAsync()).Should().Be(1);
    }
}
