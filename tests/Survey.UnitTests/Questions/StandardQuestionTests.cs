using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Survey.Contracts;
using Survey.Domain.Questions;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Questions;

// The standard questions are one catalogue (StandardQuestions): each reader, the validator, the message, the tally and
// the page take them from it, so a question in the catalogue is asked, read, checked, carried and counted everywhere.
public class StandardQuestionTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly SurveyDefinition Survey = TestSurveys.Open("katalog");

    // A valid answer to each standard question on TestSurveys.Open, as values.
    private static readonly Dictionary<string, string[]> Valid = new()
    {
        ["concerns"] = ["narkotika", "trafik"],
        ["priorities"] = ["trafik", "narkotika"],
        ["safety"] = ["3"],
        ["area"] = ["tore"],
        ["ageGroup"] = ["25-44"],
        ["gender"] = ["kvinna"],
        ["freeText"] = ["Mörkt vid stationen."],
    };

    public static TheoryData<string> Codes => [.. StandardQuestions.All.Select(q => q.Code)];

    [Fact]
    public void The_test_knows_an_answer_to_every_question_in_the_catalogue() =>
        Valid.Keys.Should().BeEquivalentTo(StandardQuestions.All.Select(q => q.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_valid_answer_passes_the_validator_and_travels_into_the_message_unchanged(string code)
    {
        var q = StandardQuestions.Named(code)!;
        var answer = q.IntoAnswer(new ResponseAnswer(), Valid[code]);
        ResponseValidator.Validate(answer, Survey).ToDictionary().Should().BeEmpty();

        var message = StandardQuestions.Carry(answer, Message(), text => text);
        q.FromMessage(message).Should().Equal(Valid[code]);
        // …and no other question picked it up.
        StandardQuestions.All.Where(other => other != q).Should().OnlyContain(other => other.FromMessage(message) == null);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_value_the_survey_does_not_offer_is_named_by_the_question(string code)
    {
        var q = StandardQuestions.Named(code)!;
        string[] wrong = q.Type switch
        {
            QuestionTypes.Scale => ["9"],
            QuestionTypes.Text => [new string('a', ResponseValidator.MaxFreeTextLength + 1)],
            _ => ["finns-inte"],
        };
        ResponseValidator.Validate(q.IntoAnswer(new ResponseAnswer(), wrong), Survey).ToDictionary().Keys
            .Should().ContainSingle().Which.Should().StartWith(code);
    }

    [Fact]
    public void Each_breakdown_question_is_a_tally_dimension_and_its_answer_lands_in_its_cell()
    {
        var answer = StandardQuestions.All.Aggregate(new ResponseAnswer(), (a, q) => q.IntoAnswer(a, Valid[q.Code]));
        var deltas = Tally.Deltas([StandardQuestions.Carry(answer, Message(), text => text)]);
        foreach (var q in StandardQuestions.Breakdowns)
        {
            Dimensions.Breakdowns.Should().Contain(q.Dimension!);
            deltas.Should().ContainKey(new TallyKey("katalog", q.Dimension!, Valid[q.Code][0], Metrics.Respondents), $"the {q.Code} answer is a cell of its breakdown");
        }
    }

    [Fact]
    public async Task The_json_reader_reads_every_question_of_the_catalogue_by_its_type()
    {
        // Each field given a value of the wrong shape: the answer names every one, so each is read, and read as its type.
        var body = new JsonObject();
        foreach (var q in StandardQuestions.All)
            body[q.Code] = q.Type is QuestionTypes.MultipleChoice or StandardQuestions.Ranked ? JsonValue.Create("narkotika") : new JsonObject();
        var response = await _client.PostAsJsonAsync("/api/v1/public/surveys/demo/responses", body);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo(StandardQuestions.All.Select(q => q.Code));
    }

    [Fact]
    public async Task Every_question_asked_is_on_the_page_and_an_answer_to_each_from_the_plain_form_is_stored()
    {
        var slug = $"katalog-{Guid.NewGuid():N}"[..16];
        var created = await _client.PostAsJsonAsync("/api/v1/staff/surveys", TestSurveys.Request(slug,
            concerns: ["narkotika", "trafik"], areas: [new Option("centrum", "Centrum"), new Option("tore", "Töre")]));
        created.StatusCode.Should().Be(HttpStatusCode.Created);

        var page = await _client.GetStringAsync($"/s/{slug}");
        foreach (var q in StandardQuestions.All)
            page.Should().Contain($"id=\"q-{q.Code}\"", $"the {q.Code} question is asked");

        var responseId = Guid.NewGuid();
        var fields = new List<KeyValuePair<string, string>> { new("responseId", responseId.ToString()) };
        foreach (var (code, values) in Valid)
            fields.AddRange(values.Select(v => new KeyValuePair<string, string>(code, v)));
        var posted = await _client.PostAsync($"/s/{slug}", new FormUrlEncodedContent(fields));
        posted.StatusCode.Should().Be(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());

        var stored = JsonSerializer.Deserialize<SurveyResponseSubmitted>(
            (string)factory.QueryScalar("select answer from responses where response_id = $p", ResponseIds.Stored(slug, responseId).ToString())!, JsonSerializerOptions.Web)!;
        foreach (var q in StandardQuestions.All)
            q.FromMessage(stored).Should().Equal(Valid[q.Code], $"the form's {q.Code} reaches the stored answer");
    }

    private static SurveyResponseSubmitted Message() => new()
    {
        ResponseId = Guid.NewGuid(),
        SurveySlug = "katalog",
        MunicipalityCode = "2514",
        ReceivedAt = DateTimeOffset.UtcNow,
    };
}
