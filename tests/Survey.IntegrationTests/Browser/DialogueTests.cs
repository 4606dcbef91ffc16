using Microsoft.Playwright;

namespace Survey.IntegrationTests.Browser;

// The dialogue page on a phone at the meeting: 375 px, signed in, filled in and sent, checked with axe.
[Collection(BrowserCollection.Name)]
public class DialogueTests(BrowserSite site)
{
    [Fact]
    public async Task A_dialogue_is_recorded_on_a_phone_and_shows_in_the_ranking()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE", width: 375);
        await page.GotoAsync($"{site.BaseUrl}/staff/surveys/{slug}/dialoger");
        page.Url.Should().Contain("/staff/login");
        await page.GetByLabel("Åtkomstnyckel").FillAsync(site.Api.DefaultRequestHeaders.Authorization!.Parameter!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Registrera en dialog" }).WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        // Nothing wider than the phone: the form fits without scrolling sideways.
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(375);

        await page.GetByLabel("Trygghetsvandring").CheckAsync();
        await page.GetByLabel("Område").SelectOptionAsync("centrum");
        await page.GetByLabel("Plats").FillAsync("Torget");
        await page.GetByLabel("Latitud").FillAsync("65,8536");
        await page.GetByLabel("Longitud").FillAsync("23,1424");
        await page.GetByLabel("Antal deltagare").FillAsync("25");
        await page.GetByLabel("Narkotika och droger").FillAsync("12");
        await page.GetByLabel("Trafiksäkerhet").FillAsync("4");
        await page.GetByLabel("Anteckningar").FillAsync("Mörkt vid busstationen.");
        await BrowserSite.ScreenshotAsync(page, "staff-dialogue-375");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara dialogen" }).ClickAsync();

        await page.GetByText("Tack, dialogen är registrerad.").WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        (await page.Locator("ul.dialogues li").First.InnerTextAsync()).Should().Contain("Trygghetsvandring").And.Contain("Torget");
        var ranking = await site.RankingAsync(slug);
        ranking["dialogues"]!["participants"]!.GetValue<long>().Should().Be(25);

        // An error comes back beside its field, and axe finds nothing serious on that page either.
        await page.GetByLabel("Antal deltagare").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara dialogen" }).ClickAsync();
        await page.Locator("#participants-error").WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
    }
}
