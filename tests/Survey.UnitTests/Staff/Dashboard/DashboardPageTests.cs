using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Dashboard;

// The analyst's page as HTML: it shows what the API gives, hides what the API hides, and names things as people say them.
public partial class DashboardPageTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private readonly HttpClient _client = factory.CreateClient();

    private static JsonArray Questions() => JsonNode.Parse("""
        [
          {"code": "trygg-centrum", "type": "single", "label": {"sv": "Känner du dig trygg i centrum på kvällen?", "en": "Do you feel safe in the centre in the evening?"},
           "options": [{"code": "ja", "label": {"sv": "Ja", "en": "Yes"}}, {"code": "nej", "label": {"sv": "Nej", "en": "No"}}]},
          {"code": "platser", "type": "multiple", "label": {"sv": "Vilka platser undviker du?", "en": "Which places do you avoid?"},
           "options": [{"code": "torget", "label": {"sv": "Torget", "en": "The square"}}, {"code": "stationen", "label": {"sv": "Stationen", "en": "The station"}}]},
          {"code": "betyg", "type": "scale", "label": {"sv": "Hur nöjd är du med polisens närvaro?", "en": "How satisfied are you with police presence?"}},
          {"code": "ide", "type": "text", "label": {"sv": "Vad skulle göra centrum tryggare?", "en": "What would make the centre safer?"}}
        ]
        """)!.AsArray();

    private async Task<string> CreateAsync(int minimumCellSize = 1, JsonArray? questions = null, string? title = null)
    {
        var slug = $"panel-{Guid.NewGuid():N}"[..18];
        var body = JsonSerializer.SerializeToNode(TestSurveys.Request(slug, minimumCellSize: minimumCellSize))!.AsObject();
        body["questions"] = questions ?? Questions();
        if (title is not null) body["title"] = title;
        var created = await _client.PostAsJsonAsync("/api/v1/staff/surveys", body);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return slug;
    }

    private async Task AnswerAsync(string slug, Dictionary<string, object>? answers = null, string? channel = null) =>
        (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses",
            new { concerns = new[] { "narkotika" }, channel, answers = answers ?? [] }))
        .StatusCode.Should().Be(HttpStatusCode.Accepted);

    // The page with entities decoded, as a reader sees its text.
    private async Task<string> PageAsync(string path)
    {
        var response = await _client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> ResultsAsync(string slug, string code) =>
        JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/questions/{code}"))!;

    [GeneratedRegex(@"<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    private static string Text(string html) => Space().Replace(Tag().Replace(html, " "), " ").Trim();

    // One question's part of the page, from its heading's article to the article's end.
    private static string Question(string page, string code)
    {
        var start = page.IndexOf($"<article class=\"question\" aria-labelledby=\"q-{code}\">", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"the page has a part for the question {code}");
        return page[start..page.IndexOf("</article>", start, StringComparison.Ordinal)];
    }

    // The body rows of the one table in a piece of the page, as text.
    private static List<string> Rows(string html) =>
        Row().Matches(html[html.IndexOf("<tbody>", StringComparison.Ordinal)..]).Select(m => Text(m.Groups[1].Value)).ToList();

    private static string Percent(double share) => Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", Swedish) + " %";

    [Fact]
    public async Task Each_question_of_the_surveys_own_shows_what_its_results_endpoint_gives()
    {
        var slug = await CreateAsync();
        await AnswerAsync(slug, new() { ["trygg-centrum"] = "nej", ["platser"] = new[] { "torget", "stationen" }, ["betyg"] = 2, ["ide"] = "Mer ljus" });
        await AnswerAsync(slug, new() { ["trygg-centrum"] = "ja", ["platser"] = new[] { "torget" }, ["betyg"] = 4 });
        await AnswerAsync(slug, new() { ["trygg-centrum"] = "nej", ["platser"] = Array.Empty<string>(), ["betyg"] = "vet-inte" });

        var page = await PageAsync($"/staff/dashboard/{slug}");

        page.Should().Contain("<h2 id=\"questions\">Egna frågor</h2>");
        foreach (var code in new[] { "trygg-centrum", "platser", "betyg", "ide" })
        {
            var results = await ResultsAsync(slug, code);
            var part = Question(page, code);
            Text(part).Should().Contain(results["label"]!["sv"]!.GetValue<string>()).And.Contain($"{results["answered"]!.GetValue<long>()} svarade.");
            part.Should().Contain($"href=\"/api/v1/staff/surveys/{slug}/questions/{code}?format=csv\"");
            var values = results["values"]!.AsArray();
            if (values.Count == 0)
            {
                part.Should().NotContain("<table", "a text question's answers are not shown, only how many answered");
                continue;
            }
            var rows = Rows(part);
            rows.Should().HaveCount(values.Count);
            for (var i = 0; i < values.Count; i++)
            {
                var v = values[i]!;
                rows[i].Should().StartWith(v["label"]!.GetValue<string>())
                    .And.Contain($" {v["count"]!.GetValue<long>()} {Percent(v["share"]!.GetValue<double>())} ")
                    .And.EndWith($"{Percent(v["ciLow"]!.GetValue<double>())[..^2]}–{Percent(v["ciHigh"]!.GetValue<double>())}");
            }
        }
        var mean = (await ResultsAsync(slug, "betyg"))["mean"]!;
        Text(Question(page, "betyg")).Should().Contain(
            $"Medelvärde {mean["mean"]!.GetValue<double>().ToString("0.0", Swedish)} (95 % KI {mean["ciLow"]!.GetValue<double>().ToString("0.0", Swedish)}–" +
            $"{mean["ciHigh"]!.GetValue<double>().ToString("0.0", Swedish)}) för de 2 som svarade 1–5");
        (await _client.GetAsync($"/api/v1/staff/surveys/{slug}/questions/betyg?format=csv")).Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
    }

    [Fact]
    public async Task What_the_results_endpoint_hides_the_page_hides()
    {
        var slug = await CreateAsync(minimumCellSize: 3);
        foreach (var (choice, grade) in new[] { ("ja", 1), ("ja", 1), ("ja", 1), ("ja", 5), ("nej", 5), ("nej", 5), ("nej", 5), ("nej", 3) })
            await AnswerAsync(slug, new() { ["trygg-centrum"] = choice, ["betyg"] = grade });
        var results = await ResultsAsync(slug, "betyg");
        var hidden = results["values"]!.AsArray().Where(v => v!["count"] is null).Select(v => v!["code"]!.GetValue<string>()).ToList();
        hidden.Should().Contain(["1", "3"], "one person gave 3, and the smallest other step is hidden with it");

        var part = Question(await PageAsync($"/staff/dashboard/{slug}"), "betyg");

        var rows = Rows(part);
        foreach (var (v, row) in results["values"]!.AsArray().Zip(rows))
            if (v!["count"] is null)
                row.Should().MatchRegex(@"^(\d|Vet inte)( \((lägst|högst)\))? dold$", "a hidden step shows no figure");
            else
                row.Should().Contain($" {v["count"]!.GetValue<long>()} ");
        Text(part).Should().Contain("Medelvärdet visas inte").And.NotContain("Medelvärde ", "the mean would give the hidden steps away");
    }

    [Fact]
    public async Task A_corrected_wording_is_noted_under_its_question()
    {
        var slug = await CreateAsync();
        await AnswerAsync(slug, new() { ["ide"] = "Fler vuxna ute" });
        var survey = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}"))!.AsObject();
        survey["questions"]![3]!["label"]!["sv"] = "Vad skulle göra centrum tryggast?";
        (await _client.PutAsJsonAsync($"/api/v1/staff/surveys/{slug}", survey)).StatusCode.Should().Be(HttpStatusCode.OK);

        var page = await PageAsync($"/staff/dashboard/{slug}");

        Text(Question(page, "ide")).Should().Contain("Vad skulle göra centrum tryggast?").And.Contain("Frågans formulering rättades");
        Text(Question(page, "betyg")).Should().NotContain("rättades");
    }

    [Fact]
    public async Task A_single_choice_question_is_offered_as_a_breakdown_and_shown_as_one()
    {
        var slug = await CreateAsync();
        foreach (var choice in new[] { "ja", "ja", "nej" }) await AnswerAsync(slug, new() { ["trygg-centrum"] = choice });

        var first = await PageAsync($"/staff/dashboard/{slug}");
        var options = Regex.Replace(first[first.IndexOf("<select id=\"by\"", StringComparison.Ordinal)..first.IndexOf("</select>", StringComparison.Ordinal)], @">\s+<", "><");
        options.Should().Contain("<optgroup label=\"Egna frågor\"><option value=\"trygg-centrum\">Känner du dig trygg i centrum på kvällen?</option></optgroup>")
            .And.NotContain("value=\"platser\"", "only a single-choice question splits the respondents into groups")
            .And.NotContain("value=\"betyg\"");

        var page = await PageAsync($"/staff/dashboard/{slug}?by=trygg-centrum");

        page.Should().Contain("<option value=\"trygg-centrum\" selected>");
        var table = page[page.IndexOf("<table class=\"breakdown\">", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Text(table).Should().StartWith("Andel per svar på frågan ”Känner du dig trygg i centrum på kvällen?” för det största problemet.");
        table.Should().Contain("<th scope=\"col\" class=\"sticky\">Svar</th>").And.Contain($"?format=csv&by=trygg-centrum");
        var api = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?by=trygg-centrum"))!["breakdown"]!["groups"]!.AsArray();
        Rows(table).Should().Equal(api.Select(g =>
            $"{g!["label"]!.GetValue<string>()} {g["respondents"]!.GetValue<long>()} {Percent(g["concerns"]![0]!["share"]!.GetValue<double>())} " +
            $"({Percent(g["concerns"]![0]!["ciLow"]!.GetValue<double>())[..^2]}–{Percent(g["concerns"]![0]!["ciHigh"]!.GetValue<double>())})"));

        // The link is followed as a browser would (entities decoded once) and gives this breakdown, not the ranking.
        var csv = await _client.GetStringAsync(Regex.Match(table, "href=\"([^\"]+)\"").Groups[1].Value);
        csv.Should().Contain("Svarande i gruppen").And.Contain("Nej");

        var notABreakdown = await PageAsync($"/staff/dashboard/{slug}?by=platser");
        notABreakdown.Should().Contain("<th scope=\"col\" class=\"sticky\">Åldersgrupp</th>", "a question that is not single choice falls back to the first view");
    }

    [Fact]
    public async Task The_export_links_give_what_they_name()
    {
        var slug = await CreateAsync();
        await AnswerAsync(slug);
        var page = await PageAsync($"/staff/dashboard/{slug}");
        string Link(string name) => Regex.Match(page, $"<a href=\"([^\"]+)\" download>{Regex.Escape(name)}</a>").Groups[1].Value;

        var rfc = await _client.GetByteArrayAsync(Link("CSV (komma, punkt)"));
        rfc.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }, "the comma-and-point CSV has no byte order mark");
        System.Text.Encoding.UTF8.GetString(rfc).Split('\n')[0].Should().Contain(",").And.NotContain(";");
        var swedish = await _client.GetByteArrayAsync(Link("CSV för svenskt Excel"));
        swedish.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
    }

    [Fact]
    public async Task The_survey_is_named_once()
    {
        var demo = Text(await PageAsync("/staff/dashboard/demo"));
        demo.Should().Contain("Enkät: Var med och påverka – Kalix (demo).").And.NotContain("(demo) (demo)");

        var titled = await CreateAsync(title: "Trygghet i Kalix");
        Text(await PageAsync($"/staff/dashboard/{titled}")).Should().Contain($"Enkät: Trygghet i Kalix ({titled}).");
        var untitled = await CreateAsync();
        Text(await PageAsync($"/staff/dashboard/{untitled}")).Should().Contain($"Enkät: {untitled}.");
    }

    [Fact]
    public async Task Channels_read_as_names_not_codes()
    {
        var slug = await CreateAsync();
        foreach (var channel in new[] { "facebook", "lokaltidningen", "kommunens-webb", null }) await AnswerAsync(slug, channel: channel);

        var page = await PageAsync($"/staff/dashboard/{slug}?by=channel");

        var channels = page[page.IndexOf("<caption>Var svaren kom ifrån</caption>", StringComparison.Ordinal)..];
        Rows(channels[..channels.IndexOf("</table>", StringComparison.Ordinal)]).Select(r => r.Split(' ')[..^3])
            .Select(words => string.Join(' ', words))
            .Should().BeEquivalentTo(["Facebook", "Lokaltidningen", "Kommunens webb", "Direktlänk"]);
        var breakdown = page[page.IndexOf("<table class=\"breakdown\">", StringComparison.Ordinal)..];
        breakdown[..breakdown.IndexOf("</table>", StringComparison.Ordinal)].Should().Contain(">Facebook</th>").And.NotContain(">facebook<");
    }

    [Fact]
    public async Task A_day_of_answers_is_drawn_as_a_bar_not_a_block()
    {
        var slug = await CreateAsync();
        await AnswerAsync(slug);

        var page = await PageAsync($"/staff/dashboard/{slug}");

        var days = page[page.IndexOf("<figure class=\"days\">", StringComparison.Ordinal)..];
        var viewBox = Regex.Match(days, "viewBox=\"0 0 ([0-9.]+) ").Groups[1].Value;
        var width = Regex.Match(days, "<rect [^>]*width=\"([0-9.]+)\"").Groups[1].Value;
        double.Parse(width, CultureInfo.InvariantCulture).Should().BeLessThanOrEqualTo(double.Parse(viewBox, CultureInfo.InvariantCulture) / 10,
            "all the answers came on one day; that is one bar of a sensible width");
    }

    [Fact]
    public async Task Every_box_that_scrolls_a_table_can_be_reached_by_keyboard_and_is_named()
    {
        var slug = await CreateAsync();
        await AnswerAsync(slug, new() { ["trygg-centrum"] = "ja" });

        var page = await PageAsync($"/staff/dashboard/{slug}");

        var boxes = Regex.Matches(page, "<div class=\"scroll\"[^>]*>").Select(m => m.Value).ToList();
        boxes.Should().NotBeEmpty();
        foreach (var box in boxes)
        {
            box.Should().Contain("tabindex=\"0\"").And.Contain("role=\"region\"");
            var label = Regex.Match(box, "aria-labelledby=\"([^\"]+)\"").Groups[1].Value;
            page.Should().Contain($"id=\"{label}\"", $"the box {box} is named by its table's caption");
        }
    }
}
