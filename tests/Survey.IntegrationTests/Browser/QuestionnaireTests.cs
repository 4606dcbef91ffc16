using Microsoft.Playwright;

namespace Survey.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public class QuestionnaireTests(BrowserSite site)
{
    private static async Task AnswerAsync(IPage page, string drugs, string traffic, string first, string second, string safety, string area)
    {
        await page.GetByLabel(drugs, new() { Exact = true }).CheckAsync();
        await page.GetByLabel(traffic).CheckAsync();
        await page.GetByLabel(first, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = traffic });
        await page.GetByLabel(second, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = drugs });
        await page.GetByLabel(safety, new() { Exact = true }).CheckAsync();
        await page.GetByLabel(area, new() { Exact = true }).CheckAsync();
    }

    [Fact]
    public async Task A_resident_answers_in_swedish_and_is_thanked_and_counted()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE");
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}?k=facebook");

        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("sv");
        await BrowserSite.ScreenshotAsync(page, "questionnaire-sv-1280");
        await AnswerAsync(page, "Narkotika och droger", "Trafiksäkerhet, till exempel fortkörning", "Viktigast", "Näst viktigast",
            "Ganska otrygg", "Töre");
        await page.GetByLabel("Vad vill du att polisen och kommunen ska prioritera?").FillAsync("Fortkörning på Storgatan, ring 070-123 45 67");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync();
        await BrowserSite.ScreenshotAsync(page, "thanks-sv-1280");
        // Thanked in place of the form: the language links now lead to the thank-you page, not to the form again.
        (await page.GetByRole(AriaRole.Link, new() { Name = "English" }).GetAttributeAsync("href")).Should().Be($"/s/{slug}/tack?lang=en");
        (await page.Locator("a.skip").TextContentAsync()).Should().Be("Hoppa till sidans innehåll");
        var ranking = await site.RankingAsync(slug);
        ranking["respondents"]!.GetValue<long>().Should().Be(1);
        BrowserSite.Count(ranking, "narkotika").Should().Be(1);
        ranking["concerns"]![0]!["code"]!.GetValue<string>().Should().Be("trafik", "traffic was the first priority");
    }

    [Fact]
    public async Task A_resident_answers_in_english_chosen_by_the_browser()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("en-GB");
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");

        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");
        await AnswerAsync(page, "Drugs", "Road safety, for example speeding", "Most important", "Second most important", "Very unsafe", "Kalix centrum");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answers" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your answers!" }).WaitForAsync();
        (await site.RankingAsync(slug))["respondents"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task The_language_switch_shows_the_page_in_finnish_and_a_finnish_answer_counts()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE", width: 375);
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}?k=affisch");

        await page.GetByRole(AriaRole.Link, new() { Name = "Suomi" }).ClickAsync();

        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("fi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lähetä vastaukset" }).WaitForAsync();
        page.Url.Should().Contain("k=affisch", "the channel survives the language switch");
        await BrowserSite.ScreenshotAsync(page, "questionnaire-fi-375");

        await AnswerAsync(page, "Huumeet", "Liikenneturvallisuus, esimerkiksi ylinopeudet", "Tärkein", "Toiseksi tärkein",
            "Melko turvattomaksi", "Töre");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lähetä vastaukset" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Kiitos vastauksistasi!" }).WaitForAsync();
        var ranking = await site.RankingAsync(slug);
        BrowserSite.Count(ranking, "narkotika").Should().Be(1);
    }

    [Fact]
    public async Task Without_javascript_the_plain_form_is_posted_and_counted()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE", javaScript: false, width: 375);
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}?k=webb");

        await AnswerAsync(page, "Narkotika och droger", "Trafiksäkerhet, till exempel fortkörning", "Viktigast", "Näst viktigast",
            "Mycket trygg", "Kalix centrum");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync();
        await BrowserSite.ScreenshotAsync(page, "thanks-nojs-375");
        var ranking = await site.RankingAsync(slug);
        ranking["respondents"]!.GetValue<long>().Should().Be(1);
        BrowserSite.Count(ranking, "trafik").Should().Be(1);

        // No dead end: the questionnaire's footer, a skip link to this page's own content, and a language switch that
        // keeps the resident on the thank-you page without sending the answer again.
        (await page.Locator("a.skip").TextContentAsync()).Should().Be("Hoppa till sidans innehåll");
        (await page.Locator("a.skip").GetAttributeAsync("href")).Should().Be("#main");
        (await page.Locator("#main").CountAsync()).Should().Be(1);
        (await page.GetByRole(AriaRole.Link, new() { Name = "Tillgänglighetsredogörelse" }).GetAttributeAsync("href"))
            .Should().Be($"/s/{slug}/tillganglighet?lang=sv");
        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = "Språk" });
        (await languages.GetByRole(AriaRole.Link).AllTextContentsAsync()).Should().Equal("English", "Suomi");
        await languages.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your answers!" }).WaitForAsync();
        page.Url.Should().Be($"{site.BaseUrl}/s/{slug}/tack?lang=en");
        await BrowserSite.ScreenshotAsync(page, "thanks-nojs-en-375");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Accessibility statement" }).GetAttributeAsync("href"))
            .Should().Be($"/s/{slug}/tillganglighet?lang=en");
        (await site.RankingAsync(slug))["respondents"]!.GetValue<long>().Should().Be(1, "switching language sent nothing again");
    }

    // The thank-you page the plain form leads to, checked with axe: axe runs in the page, so here the browser runs
    // JavaScript but survey.js never loads, and the form posts as it does without JavaScript.
    [Fact]
    public async Task The_plain_forms_thank_you_page_and_its_statement_pass_axe_at_375_px_and_the_keyboard_skips_to_its_content()
    {
        var slug = await site.CreateSurveyAsync(accessibilityContact: new { email = "tillganglighet@kalix.se", phone = "0923-650 00" });
        var page = await site.NewPageAsync("sv-SE", width: 375);
        await page.RouteAsync("**/s/assets/survey.js", route => route.AbortAsync());
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}?k=webb");
        await page.GetByLabel("Inbrott", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync();
        page.Url.Should().Be($"{site.BaseUrl}/s/{slug}?lang=sv&k=webb", "the plain form posted to the page, no script sent it");

        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        await BrowserSite.ScreenshotAsync(page, "thanks-plain-sv-375");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).Should().Be("Hoppa till sidans innehåll");
        await page.Keyboard.PressAsync("Enter");
        page.Url.Should().EndWith("#main");
        (await page.EvaluateAsync<bool>("document.querySelector(location.hash) !== null")).Should().BeTrue("the skip link lands on this page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Suomi" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Kiitos vastauksistasi!" }).WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Saavutettavuusseloste" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Saavutettavuusseloste" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "tillganglighet@kalix.se" }).GetAttributeAsync("href")).Should().Be("mailto:tillganglighet@kalix.se");
        (await page.GetByRole(AriaRole.Link, new() { Name = "0923-650 00" }).GetAttributeAsync("href")).Should().Be("tel:092365000");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(375, "a long Finnish word must not push the page sideways");
        await BrowserSite.ScreenshotAsync(page, "statement-contact-fi-375");
        (await site.RankingAsync(slug))["respondents"]!.GetValue<long>().Should().Be(1, "following the footer's links sent nothing again");
    }

    [Fact]
    public async Task Without_javascript_a_mistake_is_explained_in_an_error_summary_that_links_to_the_question()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE", javaScript: false);
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");

        await page.GetByLabel("Viktigast", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Inbrott" });
        await page.GetByLabel("Näst viktigast", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Inbrott" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await summary.GetByRole(AriaRole.Heading, new() { Name = "Det finns fel i formuläret" }).WaitForAsync();
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        page.Url.Should().EndWith("#q-priorities");
        (await page.GetByLabel("Viktigast", new() { Exact = true }).InputValueAsync()).Should().Be("inbrott", "the answers are kept");
        (await site.RankingAsync(slug))["respondents"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task The_draft_survives_a_reload_and_is_counted_once()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE");
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");
        await page.GetByLabel("Inbrott", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Ganska trygg", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Vad vill du att polisen och kommunen ska prioritera?").FillAsync("Fler trygghetsvandringar i Töre");

        await page.ReloadAsync();

        (await page.GetByLabel("Inbrott", new() { Exact = true }).IsCheckedAsync()).Should().BeTrue();
        (await page.GetByLabel("Ganska trygg", new() { Exact = true }).IsCheckedAsync()).Should().BeTrue();
        (await page.GetByLabel("Vad vill du att polisen och kommunen ska prioritera?").InputValueAsync()).Should().Be("Fler trygghetsvandringar i Töre");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "innan sidan laddades om" }).WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync();
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");
        (await page.GetByLabel("Inbrott", new() { Exact = true }).IsCheckedAsync()).Should().BeFalse("a sent answer leaves no draft behind");
        BrowserSite.Count(await site.RankingAsync(slug), "inbrott").Should().Be(1);
    }

    [Fact]
    public async Task The_surveys_own_questions_are_answered_with_JavaScript_and_counted()
    {
        var slug = await site.CreateSurveyAsync(questions: System.Text.Json.Nodes.JsonNode.Parse("""
            [
              {"code": "trygg-centrum", "type": "single", "label": {"sv": "Känner du dig trygg i centrum på kvällen?", "en": "Do you feel safe in the centre in the evening?", "fi": "Tunnetko olosi turvalliseksi keskustassa illalla?"},
               "options": [{"code": "ja", "label": {"sv": "Ja", "en": "Yes", "fi": "Kyllä"}}, {"code": "nej", "label": {"sv": "Nej", "en": "No", "fi": "Ei"}}]},
              {"code": "platser", "type": "multiple", "label": {"sv": "Vilka platser undviker du?", "en": "Which places do you avoid?", "fi": "Mitä paikkoja vältät?"},
               "options": [{"code": "torget", "label": {"sv": "Torget", "en": "The square", "fi": "Tori"}}, {"code": "stationen", "label": {"sv": "Stationen", "en": "The station", "fi": "Asema"}}]},
              {"code": "betyg", "type": "scale", "label": {"sv": "Hur nöjd är du med polisens närvaro?", "en": "How satisfied are you with police presence?", "fi": "Kuinka tyytyväinen olet poliisin näkyvyyteen?"}}
            ]
            """));
        var page = await site.NewPageAsync("sv-SE");
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");
        var safe = page.GetByRole(AriaRole.Group, new() { Name = "Känner du dig trygg i centrum på kvällen?" });
        await safe.GetByLabel("Nej", new() { Exact = true }).CheckAsync();
        var places = page.GetByRole(AriaRole.Group, new() { Name = "Vilka platser undviker du?" });
        await places.GetByLabel("Torget").CheckAsync();
        await places.GetByLabel("Stationen").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Hur nöjd är du med polisens närvaro?" }).GetByLabel("4", new() { Exact = true }).CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync();

        async Task<System.Text.Json.Nodes.JsonNode> Results(string code) =>
            System.Text.Json.Nodes.JsonNode.Parse(await site.Api.GetStringAsync($"api/v1/staff/surveys/{slug}/questions/{code}"))!;
        long? Count(System.Text.Json.Nodes.JsonNode r, string value) =>
            r["values"]!.AsArray().Single(v => v!["code"]!.GetValue<string>() == value)!["count"]?.GetValue<long>();
        Count(await Results("trygg-centrum"), "nej").Should().Be(1);
        Count(await Results("platser"), "stationen").Should().Be(1);
        Count(await Results("betyg"), "4").Should().Be(1);
    }

    [Fact]
    public async Task A_draft_older_than_twelve_hours_is_not_shown_to_the_next_person_at_a_shared_computer()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE");
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");
        await page.GetByLabel("Inbrott", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Vad vill du att polisen och kommunen ska prioritera?").FillAsync("Jag bor på Storgatan");
        var key = $"survey-draft:{slug}";
        (await page.EvaluateAsync<string?>("k => localStorage.getItem(k)", key)).Should().Contain("Storgatan");

        // Thirteen hours pass (the draft's clock is moved back rather than the browser's forward).
        await page.EvaluateAsync("k => { const d = JSON.parse(localStorage.getItem(k)); d.savedAt -= 13 * 3600 * 1000; localStorage.setItem(k, JSON.stringify(d)); }", key);
        await page.ReloadAsync();

        (await page.GetByLabel("Inbrott", new() { Exact = true }).IsCheckedAsync()).Should().BeFalse();
        (await page.GetByLabel("Vad vill du att polisen och kommunen ska prioritera?").InputValueAsync()).Should().BeEmpty();
        (await page.EvaluateAsync<string?>("k => localStorage.getItem(k)", key)).Should().BeNull("the stale draft is removed, not kept");
    }

    [Fact]
    public async Task A_503_while_sending_is_retried_with_the_same_id_and_counted_once()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE");
        var posts = new List<string>();
        // The first POST reaches the server and is stored, but the resident's browser is told 503:
        // the page must send again, with the same responseId, and the answer must count once.
        await page.RouteAsync($"**/api/v1/public/surveys/{slug}/responses", async route =>
        {
            posts.Add(route.Request.PostData!);
            var real = await route.FetchAsync();
            if (posts.Count == 1)
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 503,
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "2", ["Content-Type"] = "application/problem+json" },
                    Body = """{"title":"Temporarily unavailable.","status":503}""",
                });
            else
                await route.FulfillAsync(new RouteFulfillOptions { Response = real });
        });
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");
        await page.GetByLabel("Våld i nära relation", new() { Exact = true }).CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "försöker igen" }).WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync(new() { Timeout = 20_000 });

        posts.Should().HaveCount(2);
        posts[1].Should().Be(posts[0], "the retry sends the same answer with the same responseId");
        var ranking = await site.RankingAsync(slug);
        ranking["respondents"]!.GetValue<long>().Should().Be(1);
        BrowserSite.Count(ranking, "vald-i-nara-relation").Should().Be(1);
    }

    [Fact]
    public async Task A_closed_survey_says_so_in_the_chosen_language_and_the_api_answers_410()
    {
        var slug = await site.CreateSurveyAsync(DateTimeOffset.UtcNow.AddDays(-40), DateTimeOffset.UtcNow.AddDays(-10));
        var page = await site.NewPageAsync("fi-FI");

        var response = await page.GotoAsync($"{site.BaseUrl}/s/{slug}");

        response!.Status.Should().Be(410);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Kysely on suljettu" }).WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Link, new() { Name = "Saavutettavuusseloste" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Svenska" }).GetAttributeAsync("href")).Should().Be($"/s/{slug}?lang=sv");
        (await site.Api.PostAsync($"api/v1/public/surveys/{slug}/responses",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode.Should().Be(System.Net.HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_survey_not_yet_open_says_when_it_opens()
    {
        var slug = await site.CreateSurveyAsync(new DateTimeOffset(2031, 3, 1, 8, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2031, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var page = await site.NewPageAsync("sv-SE");

        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Enkäten har inte öppnat än" }).WaitForAsync();
        (await page.Locator("main p").First.TextContentAsync()).Should().Contain("1 mars 2031 kl. 08:00");
    }

    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task The_survey_thanks_and_statement_pages_have_no_serious_accessibility_violations(int width)
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE", width: width);

        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        await BrowserSite.ScreenshotAsync(page, $"questionnaire-sv-{width}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GotoAsync($"{site.BaseUrl}/s/{slug}/tillganglighet");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tillgänglighetsredogörelse" }).WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
        await BrowserSite.ScreenshotAsync(page, $"statement-sv-{width}");
    }

    [Fact]
    public async Task The_whole_form_can_be_answered_with_the_keyboard_alone()
    {
        var slug = await site.CreateSurveyAsync();
        var page = await site.NewPageAsync("sv-SE");
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).Should().Be("Hoppa till enkäten");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space"); // ticks the first concern, Narkotika
        (await page.GetByLabel("Narkotika och droger", new() { Exact = true }).IsCheckedAsync()).Should().BeTrue();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync();
        (await page.EvaluateAsync<string>("document.activeElement.tagName")).Should().Be("H1", "focus moves to the thank-you heading");
        BrowserSite.Count(await site.RankingAsync(slug), "narkotika").Should().Be(1);
    }

    [Fact]
    public async Task A_sampled_resident_answers_with_the_code_from_the_letter_which_then_is_spent()
    {
        var slug = await site.CreateSurveyAsync(invitationOnly: true);
        var batch = await site.Api.PostAsync($"api/v1/staff/surveys/{slug}/invitations",
            new StringContent("""{"count":2}""", System.Text.Encoding.UTF8, "application/json"));
        var code = System.Text.Json.Nodes.JsonNode.Parse(await batch.Content.ReadAsStringAsync())!["codes"]![0]!.GetValue<string>();
        var page = await site.NewPageAsync("sv-SE", width: 375);

        // The letter's QR code or link carries the code.
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}?kod={code}");
        (await page.GetByLabel("Koden i din inbjudan").InputValueAsync()).Should().Be(code);
        await page.GetByLabel("Inbrott", new() { Exact = true }).CheckAsync();
        await BrowserSite.ScreenshotAsync(page, "invitation-sv-375");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tack för ditt svar!" }).WaitForAsync();

        // The same code a second time: the page explains, and nothing more is counted.
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}?kod={code}");
        await page.GetByLabel("Narkotika och droger", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "Koden fungerar inte" }).WaitForAsync();
        var ranking = await site.RankingAsync(slug);
        ranking["respondents"]!.GetValue<long>().Should().Be(1);
        BrowserSite.Count(ranking, "narkotika").Should().Be(0);
    }

    [Theory]
    [InlineData(320, 1.0)]
    [InlineData(640, 2.0)]
    public async Task The_page_fits_320_px_and_200_percent_zoom_without_sideways_scrolling(int cssWidth, double zoom)
    {
        var slug = await site.CreateSurveyAsync();
        // 200 % zoom of a 1280 px window is 640 CSS px at device scale 2.
        var context = await site.Browser.NewContextAsync(new()
        {
            Locale = "sv-SE",
            ViewportSize = new ViewportSize { Width = cssWidth, Height = 800 },
            DeviceScaleFactor = (float)zoom,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/s/{slug}");

        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(cssWidth);
        await BrowserSite.ScreenshotAsync(page, $"questionnaire-sv-{cssWidth}px-zoom{zoom:0}");
    }
}
