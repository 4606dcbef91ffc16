using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;
using Survey.UnitTests.Hosts;
using Survey.UnitTests.Intake;

namespace Survey.UnitTests.Questions;

// A survey's own questions, as an admin sets them up, residents answer them (JSON and the plain form) and analysts read them.
public class LocalQuestionTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonArray Questions() => JsonNode.Parse("""
        [
          {"code": "trygg-centrum", "type": "single",
           "label": {"sv": "Känner du dig trygg i centrum på kvällen?", "en": "Do you feel safe in the centre in the evening?"},
           "options": [{"code": "ja", "label": {"sv": "Ja", "en": "Yes"}}, {"code": "nej", "label": {"sv": "Nej", "en": "No"}}]},
          {"code": "platser", "type": "multiple",
           "label": {"sv": "Vilka platser undviker du?", "en": "Which places do you avoid?"},
           "options": [{"code": "torget", "label": {"sv": "Torget", "en": "The square"}},
                       {"code": "stationen", "label": {"sv": "Stationen", "en": "The station"}},
                       {"code": "parken", "label": {"sv": "Parken", "en": "The park"}}]},
          {"code": "betyg", "type": "scale", "label": {"sv": "Hur nöjd är du med polisens närvaro?", "en": "How satisfied are you with police presence?"}},
          {"code": "ide", "type": "text", "label": {"sv": "Vad skulle göra centrum tryggare?", "en": "What would make the centre safer?"}}
        ]
        """)!.AsArray();

    private async Task<(string Slug, JsonObject Survey)> CreateAsync(int minimumCellSize = 1, JsonArray? questions = null)
    {
        var slug = $"egna-{Guid.NewGuid():N}"[..18];
        var body = JsonSerializer.SerializeToNode(TestSurveys.Request(slug, minimumCellSize: minimumCellSize))!.AsObject();
        body["questions"] = questions ?? Questions();
        var created = await _client.PostAsJsonAsync("/api/v1/staff/surveys", body);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (slug, JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}"))!.AsObject());
    }

    private Task<HttpResponseMessage> AnswerAsync(string slug, object answers) =>
        _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", new { concerns = new[] { "narkotika" }, answers });

    private async Task<JsonNode> ResultsAsync(string slug, string code) =>
        JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/questions/{code}"))!;

    private static long? Count(JsonNode results, string value) =>
        results["values"]!.AsArray().Single(v => v!["code"]!.GetValue<string>() == value)!["count"]?.GetValue<long>();

    [Fact]
    public async Task Answers_to_each_type_are_counted_and_published_with_their_intervals()
    {
        var (slug, _) = await CreateAsync();
        (await AnswerAsync(slug, new Dictionary<string, object> { ["trygg-centrum"] = "nej", ["platser"] = new[] { "torget", "stationen" }, ["betyg"] = 2, ["ide"] = "Mer ljus, ring mig 070-123 45 67" }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await AnswerAsync(slug, new Dictionary<string, object> { ["trygg-centrum"] = "ja", ["platser"] = new[] { "torget" }, ["betyg"] = 4 }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await AnswerAsync(slug, new Dictionary<string, object> { ["trygg-centrum"] = "nej", ["platser"] = Array.Empty<string>(), ["betyg"] = "vet-inte" }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

        var single = await ResultsAsync(slug, "trygg-centrum");
        single["answered"]!.GetValue<long>().Should().Be(3);
        Count(single, "nej").Should().Be(2);
        Count(single, "ja").Should().Be(1);
        var nej = single["values"]!.AsArray().Single(v => v!["code"]!.GetValue<string>() == "nej")!;
        nej["share"]!.GetValue<double>().Should().BeApproximately(2.0 / 3, 1e-9);
        nej["ciLow"]!.GetValue<double>().Should().BeLessThan(2.0 / 3).And.BeGreaterThan(0);
        nej["label"]!.GetValue<string>().Should().Be("Nej");

        var multiple = await ResultsAsync(slug, "platser");
        multiple["answered"]!.GetValue<long>().Should().Be(3, "an empty list is an answer: none of the places");
        Count(multiple, "torget").Should().Be(2);
        Count(multiple, "stationen").Should().Be(1);
        Count(multiple, "parken").Should().Be(0);

        var scale = await ResultsAsync(slug, "betyg");
        Count(scale, "2").Should().Be(1);
        Count(scale, "4").Should().Be(1);
        Count(scale, "vet-inte").Should().Be(1);
        scale["mean"]!["mean"]!.GetValue<double>().Should().Be(3, "\"vet inte\" is left out of the mean");
        scale["mean"]!["answers"]!.GetValue<long>().Should().Be(2);

        var text = await ResultsAsync(slug, "ide");
        text["answered"]!.GetValue<long>().Should().Be(1);
        text["values"]!.AsArray().Should().BeEmpty("the texts themselves are not published");
        var stored = (string)factory.QueryScalar("select answer from responses where survey_slug = $p and answer like '%Mer ljus%'", slug)!;
        stored.Should().Contain("[telefonnummer]").And.NotContain("070-123", "a local text answer is scrubbed like the free text");
    }

    [Fact]
    public async Task Small_counts_are_hidden_and_the_mean_only_shown_when_no_step_is()
    {
        var (slug, _) = await CreateAsync(minimumCellSize: 3);
        foreach (var (choice, grade) in new[] { ("ja", 1), ("ja", 1), ("ja", 1), ("ja", 5), ("nej", 5), ("nej", 5), ("nej", 5), ("nej", 3) })
            (await AnswerAsync(slug, new Dictionary<string, object> { ["trygg-centrum"] = choice, ["betyg"] = grade })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var single = await ResultsAsync(slug, "trygg-centrum");
        Count(single, "ja").Should().Be(4);
        Count(single, "nej").Should().Be(4);
        var scale = await ResultsAsync(slug, "betyg");
        Count(scale, "3").Should().BeNull("one person gave 3");
        Count(scale, "1").Should().BeNull("8 answered and the rest shown would give the one away: the smallest other step is hidden too");
        Count(scale, "5").Should().Be(4);
        scale["mean"].Should().BeNull("the mean with the shown steps would give the hidden ones away");

        // The single-choice question as a breakdown hides the same as its own results: both come from one gate.
        var byQuestion = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?by=trygg-centrum"))!["breakdown"]!;
        byQuestion["by"]!.GetValue<string>().Should().Be("trygg-centrum");
        byQuestion["groups"]!.AsArray().Select(g => (g!["value"]?.GetValue<string>(), g["respondents"]?.GetValue<long>()))
            .Should().BeEquivalentTo(new[] { ((string?)"ja", (long?)4), ("nej", 4) });
    }

    [Fact]
    public async Task A_bad_answer_is_a_400_naming_the_question_and_nothing_is_stored()
    {
        var (slug, _) = await CreateAsync();
        var cases = new (object Answers, string Field)[]
        {
            (new Dictionary<string, object> { ["trygg-centrum"] = "kanske" }, "answers.trygg-centrum"),
            (new Dictionary<string, object> { ["trygg-centrum"] = new[] { "ja" } }, "answers.trygg-centrum"),
            (new Dictionary<string, object> { ["platser"] = new[] { "torget", "torget" } }, "answers.platser"),
            (new Dictionary<string, object> { ["platser"] = new[] { "kyrkan" } }, "answers.platser[0]"),
            (new Dictionary<string, object> { ["betyg"] = 6 }, "answers.betyg"),
            (new Dictionary<string, object> { ["betyg"] = 2.5 }, "answers.betyg"),
            (new Dictionary<string, object> { ["ide"] = 7 }, "answers.ide"),
            (new Dictionary<string, object> { ["okand"] = "ja" }, "answers.okand"),
        };
        foreach (var (answers, field) in cases)
        {
            var response = await AnswerAsync(slug, answers);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field].Should().NotBeNull($"{field} is what is wrong");
        }
        factory.QueryScalar("select count(*) from responses where survey_slug = $p", slug).Should().Be(0L);
    }

    [Fact]
    public async Task The_page_asks_the_questions_in_the_residents_language_and_the_plain_form_answers_them()
    {
        var (slug, _) = await CreateAsync();
        var swedish = WebUtility.HtmlDecode(await _client.GetStringAsync($"/s/{slug}?lang=sv"));
        swedish.Should().Contain("Känner du dig trygg i centrum på kvällen?").And.Contain("Vilka platser undviker du?").And.Contain("Stationen");
        var english = WebUtility.HtmlDecode(await _client.GetStringAsync($"/s/{slug}?lang=en"));
        english.Should().Contain("Do you feel safe in the centre in the evening?").And.Contain("The station").And.NotContain("Vilka platser");

        var posted = await _client.PostAsync($"/s/{slug}?lang=sv", new FormUrlEncodedContent(
        [
            new("responseId", Guid.NewGuid().ToString()), new("answers.trygg-centrum", "nej"),
            new("answers.platser", "torget"), new("answers.platser", "parken"), new("answers.betyg", "5"), new("answers.ide", "Fler vuxna ute"),
        ]));
        posted.StatusCode.Should().Be(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());
        Count(await ResultsAsync(slug, "trygg-centrum"), "nej").Should().Be(1);
        Count(await ResultsAsync(slug, "platser"), "parken").Should().Be(1);
        Count(await ResultsAsync(slug, "betyg"), "5").Should().Be(1);

        var wrong = await _client.PostAsync($"/s/{slug}?lang=sv", new FormUrlEncodedContent(
            [new("responseId", Guid.NewGuid().ToString()), new("answers.trygg-centrum", "kanske")]));
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()).Should().Contain("href=\"#q-answers-trygg-centrum\"");
    }

    [Fact]
    public async Task Exports_carry_the_questions()
    {
        var (slug, _) = await CreateAsync();
        (await AnswerAsync(slug, new Dictionary<string, object> { ["trygg-centrum"] = "ja", ["betyg"] = 3 })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var json = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?format=json"))!;
        json["questions"]!.AsArray().Select(q => q!["code"]!.GetValue<string>()).Should().Equal("trygg-centrum", "platser", "betyg", "ide");
        json["breakdowns"]!.AsArray().Select(b => b!["by"]!.GetValue<string>()).Should().Contain("trygg-centrum");

        var csv = await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/questions/betyg?format=csv");
        csv.Should().Contain("Hur nöjd är du med polisens närvaro?").And.Contain("Medelvärde (1–5)");

        using var stream = new MemoryStream(await _client.GetByteArrayAsync($"/api/v1/staff/surveys/{slug}/ranking?format=xlsx"));
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).Should().BeEmpty();
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).Should().Contain(["trygg-centrum", "Egna frågor"]);
        var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.WorkbookPart.GetPartById(sheets.Single(s => s.Name!.Value == "Egna frågor").Id!);
        part.Worksheet.InnerText.Should().Contain("Känner du dig trygg i centrum på kvällen?").And.Contain("Medelvärde (1–5)");
    }

    [Fact]
    public async Task Once_answered_the_questions_are_frozen_and_only_a_typo_can_be_corrected()
    {
        var (slug, survey) = await CreateAsync();
        Task<HttpResponseMessage> Put(JsonObject body) => _client.PutAsJsonAsync($"/api/v1/staff/surveys/{slug}", body);

        var beforeAnswers = survey.DeepClone().AsObject();
        beforeAnswers["questions"]![0]!["options"]!.AsArray().Add(JsonNode.Parse("""{"code": "vet-ej", "label": {"sv": "Vet ej", "en": "Not sure"}}"""));
        (await Put(beforeAnswers)).StatusCode.Should().Be(HttpStatusCode.OK, "before any answer the questions are the admin's to change");
        (await AnswerAsync(slug, new Dictionary<string, object> { ["trygg-centrum"] = "ja" })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var newOption = beforeAnswers.DeepClone().AsObject();
        newOption["questions"]![0]!["options"]!.AsArray().RemoveAt(2);
        var refused = await Put(newOption);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        problem.Should().Contain("'trygg-centrum' would change its options").And.Contain("create a new survey");

        var rewritten = beforeAnswers.DeepClone().AsObject();
        rewritten["questions"]![1]!["label"]!["sv"] = "Finns det platser där du inte vill gå ensam på kvällen?";
        (await Put(rewritten)).StatusCode.Should().Be(HttpStatusCode.Conflict, "a new question under the old code is not a correction");

        var typo = beforeAnswers.DeepClone().AsObject();
        typo["questions"]![3]!["label"]!["sv"] = "Vad skulle göra centrum tryggast?";
        (await Put(typo)).StatusCode.Should().Be(HttpStatusCode.OK);
        var corrected = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/questions/ide"))!;
        corrected["wordingCorrected"]!.AsArray().Should().HaveCount(1, "the correction is recorded with its time");
    }

    [Theory]
    [InlineData("""[{"code": "area", "type": "single", "label": {"sv": "a", "en": "a"}, "options": [{"code": "ja", "label": {"sv": "Ja", "en": "Yes"}}, {"code": "nej", "label": {"sv": "Nej", "en": "No"}}]}]""", "questions[0].code")]
    [InlineData("""[{"code": "fraga", "type": "ranking", "label": {"sv": "a", "en": "a"}}]""", "questions[0].type")]
    [InlineData("""[{"code": "fraga", "type": "text", "label": {"sv": "Fråga"}}]""", "questions[0].label")]
    [InlineData("""[{"code": "fraga", "type": "single", "label": {"sv": "a", "en": "a"}, "options": [{"code": "ja", "label": {"sv": "Ja", "en": "Yes"}}]}]""", "questions[0].options")]
    [InlineData("""[{"code": "fraga", "type": "multiple", "label": {"sv": "a", "en": "a"}, "options": [{"code": "ja", "label": {"sv": "Ja"}}, {"code": "nej", "label": {"sv": "Nej", "en": "No"}}]}]""", "questions[0].options[0].label")]
    [InlineData("""[{"code": "fraga", "type": "text", "label": {"sv": "a\u0007", "en": "a"}}]""", "questions[0].label.sv")]
    public async Task A_question_that_cannot_be_asked_is_a_400_naming_the_field(string questions, string field)
    {
        var slug = $"fel-{Guid.NewGuid():N}"[..16];
        var body = JsonSerializer.SerializeToNode(TestSurveys.Request(slug))!.AsObject();
        body["questions"] = JsonNode.Parse(questions);
        var response = await _client.PostAsJsonAsync("/api/v1/staff/surveys", body);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field].Should().NotBeNull(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Eleven_questions_are_too_many()
    {
        var many = new JsonArray(Enumerable.Range(1, 11).Select(i => (JsonNode)JsonNode.Parse($$$"""{"code": "fraga-{{{i}}}", "type": "text", "label": {"sv": "Fråga {{{i}}}", "en": "Question {{{i}}}"}}""")!).ToArray());
        var slug = $"fel-{Guid.NewGuid():N}"[..16];
        var body = JsonSerializer.SerializeToNode(TestSurveys.Request(slug))!.AsObject();
        body["questions"] = many;
        var response = await _client.PostAsJsonAsync("/api/v1/staff/surveys", body);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("At most 10 questions");
    }

    [Fact]
    public async Task A_language_without_a_complete_text_is_refused_naming_it()
    {
        var slug = $"sprak-{Guid.NewGuid():N}"[..18];
        var body = JsonSerializer.SerializeToNode(TestSurveys.Request(slug))!.AsObject();
        body["languages"] = new JsonArray("sv", "fit");
        var response = await _client.PostAsJsonAsync("/api/v1/staff/surveys", body);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["languages"]!.AsArray().Select(e => e!.GetValue<string>())
            .Should().Contain(e => e.Contains("'fit' has no complete questionnaire text"));
    }
}
