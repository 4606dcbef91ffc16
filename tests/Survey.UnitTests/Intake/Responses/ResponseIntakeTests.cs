using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Responses;

public class ResponseIntakeTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<string> CreateSurveyAsync(DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null) =>
        _client.CreateSurveyAsync("t", opensAt: opensAt, closesAt: closesAt,
            concerns: ["narkotika", "inbrott", "vald-i-nara-relation", "trafik"], areas: [new("centrum", "Centrum")]);

    private Task<HttpResponseMessage> PostJsonAsync(string slug, string json) =>
        _client.PostAsync($"/api/v1/public/surveys/{slug}/responses", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonNode> RankingAsync(string slug) =>
        JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking"))!;

    private static async Task<JsonObject> ErrorsOf(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
    }

    [Fact]
    public async Task Accepted_response_is_counted_before_the_202_returns()
    {
        var slug = await CreateSurveyAsync();
        for (var i = 0; i < 10; i++)
        {
            var response = await PostJsonAsync(slug, """{"concerns":["narkotika"],"priorities":["narkotika","trafik"]}""");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
            Guid.TryParse(receipt.GetProperty("responseId").GetString(), out _).Should().BeTrue();

            // No waiting: embedded, the store has committed by the time Intake answers.
            (await RankingAsync(slug))["respondents"]!.GetValue<long>().Should().Be(i + 1);
        }
        var ranking = await RankingAsync(slug);
        ranking["concerns"]![0]!["code"]!.GetValue<string>().Should().Be("narkotika");
        ranking["concerns"]![0]!["priorityPoints"]!.GetValue<long>().Should().Be(30);
    }

    [Fact]
    public async Task Repeated_response_id_answers_202_and_is_counted_once()
    {
        var slug = await CreateSurveyAsync();
        var id = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            var response = await PostJsonAsync(slug, $$"""{"responseId":"{{id}}","concerns":["trafik"]}""");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responseId").GetGuid().Should().Be(id);
        }
        var ranking = await RankingAsync(slug);
        ranking["respondents"]!.GetValue<long>().Should().Be(1);
        ranking["concerns"]![0]!["count"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task A_chosen_response_id_is_never_stored_as_it_came_and_a_repeat_is_still_counted_once()
    {
        // An id is 128 bits the client chooses: this one spells a personnummer and a phone number.
        var slug = await CreateSurveyAsync();
        const string chosen = "19811218-9876-4070-8123-070123456700";
        for (var i = 0; i < 2; i++)
        {
            var response = await PostJsonAsync(slug, $$"""{"responseId":"{{chosen}}","concerns":["trafik"]}""");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responseId").GetString().Should().Be(chosen,
                "the receipt names the id the page sent");
        }

        var rows = factory.QueryScalar("select count(*) from responses where survey_slug = $p", slug);
        Convert.ToInt64(rows).Should().Be(1, "the same chosen id is counted once");
        var row = (string)factory.QueryScalar("select response_id || ' ' || answer from responses where survey_slug = $p", slug)!;
        row.Should().NotContain("19811218").And.NotContain("9876-4070").And.NotContain("0701234567");
        row.Should().StartWith(Survey.Domain.Responses.ResponseIds.Stored(slug, Guid.Parse(chosen)).ToString());
    }

    [Fact]
    public async Task The_same_chosen_id_sent_to_two_surveys_is_an_answer_to_each()
    {
        // Found by an outside review: the second was answered 202 and never counted ("counted before").
        var (first, second) = (await CreateSurveyAsync(), await CreateSurveyAsync());
        var id = Guid.NewGuid();
        foreach (var slug in new[] { first, second })
            (await PostJsonAsync(slug, $$"""{"responseId":"{{id}}","concerns":["trafik"]}""")).StatusCode.Should().Be(HttpStatusCode.Accepted);

        foreach (var slug in new[] { first, second })
            (await RankingAsync(slug))["respondents"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task A_channel_that_could_carry_a_personnummer_or_a_phone_number_is_refused_and_nothing_is_stored()
    {
        var slug = await CreateSurveyAsync();
        foreach (var channel in new[] { "19811218-9876", "811218-9876", "0701234567" })
        {
            var response = await PostJsonAsync(slug, $$"""{"channel":"{{channel}}","concerns":["trafik"]}""");
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await ErrorsOf(response)).Should().ContainKey("channel");
        }
        Convert.ToInt64(factory.QueryScalar("select count(*) from responses where survey_slug = $p", slug)).Should().Be(0);
    }

    [Fact]
    public async Task Every_bad_field_is_named_and_nothing_is_stored()
    {
        var slug = await CreateSurveyAsync();
        var response = await PostJsonAsync(slug, """
            {"concerns":["narkotika","skoter"],"priorities":["trafik","trafik","inbrott","narkotika"],
             "safety":7,"area":"atlantis","freeText":12,"shoeSize":44,"ageGroup":["25-44"]}
            """);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = await ErrorsOf(response);
        errors.Select(e => e.Key).Should().Contain(["concerns[1]", "priorities", "safety", "area", "freeText", "shoeSize", "ageGroup"]);
        (await RankingAsync(slug))["respondents"]!.GetValue<long>().Should().Be(0);
    }

    [Theory]
    [InlineData("""{"responseId":"not-a-uuid"}""", "responseId")]
    [InlineData("""{"safety":"2"}""", "safety")]
    [InlineData("""{"safety":2.5}""", "safety")]
    [InlineData("""{"concerns":"narkotika"}""", "concerns")]
    [InlineData("""{"concerns":[1]}""", "concerns[0]")]
    [InlineData("""["narkotika"]""", "$")]
    [InlineData("""{"concerns":[""", "$")]
    public async Task Malformed_fields_are_named(string json, string field)
    {
        var slug = await CreateSurveyAsync();
        var response = await PostJsonAsync(slug, json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsOf(response)).Should().ContainKey(field);
    }

    [Fact]
    public async Task A_partial_answer_counts()
    {
        var slug = await CreateSurveyAsync();
        (await PostJsonAsync(slug, """{"safety":3}""")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await PostJsonAsync(slug, "{}")).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var ranking = await RankingAsync(slug);
        ranking["respondents"]!.GetValue<long>().Should().Be(2);
        ranking["answeredConcerns"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Unknown_survey_is_404()
    {
        var response = await PostJsonAsync("no-such-survey", "{}");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("no-such-survey");
    }

    [Fact]
    public async Task Closed_and_not_yet_open_surveys_are_410()
    {
        var closed = await CreateSurveyAsync(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        var future = await CreateSurveyAsync(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(30));

        var closedResponse = await PostJsonAsync(closed, "{}");
        closedResponse.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await closedResponse.Content.ReadAsStringAsync()).Should().Contain("closed");
        var futureResponse = await PostJsonAsync(future, "{}");
        futureResponse.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await futureResponse.Content.ReadAsStringAsync()).Should().Contain("not open yet");
    }

    [Fact]
    public async Task Body_over_64_KB_is_413()
    {
        var slug = await CreateSurveyAsync();
        var big = $$"""{"freeText":"{{new string('a', 70_000)}}"}""";

        var response = await PostJsonAsync(slug, big);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await RankingAsync(slug))["respondents"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Body_that_is_not_json_is_415()
    {
        var slug = await CreateSurveyAsync();
        var response = await _client.PostAsync($"/api/v1/public/surveys/{slug}/responses",
            new StringContent("concerns=narkotika", Encoding.UTF8, "application/x-www-form-urlencoded"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Free_text_is_stored_without_personal_data()
    {
        var slug = await CreateSurveyAsync();
        (await PostJsonAsync(slug, """{"freeText":"Grannen 19850312-1234 langar, ring 070-123 45 67"}"""))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

        var stored = (string)factory.QueryScalar("select answer from responses where survey_slug = $p", slug)!;
        // The whole stored answer, then the free text alone for the short parts (an id or a timestamp may hold them by chance).
        stored.Should().NotContain("19850312").And.NotContain("123 45 67");
        var freeText = JsonNode.Parse(stored)!["freeText"]!.GetValue<string>();
        freeText.Should().Contain("[personnummer]").And.Contain("[telefonnummer]").And.NotContain("1234").And.NotContain("070");
    }

    [Fact]
    public async Task The_published_questionnaire_lists_the_survey_options_with_swedish_labels()
    {
        var slug = await CreateSurveyAsync();
        var survey = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/public/surveys/{slug}"))!;

        survey["window"]!.GetValue<string>().Should().Be("open");
        survey["municipalityName"]!.GetValue<string>().Should().Be("Kalix");
        survey["concerns"]!.AsArray().Select(c => c!["label"]!.GetValue<string>()).Should().Contain("Våld i nära relation");
    }
}
