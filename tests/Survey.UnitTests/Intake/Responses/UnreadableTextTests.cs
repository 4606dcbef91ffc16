using System.Net.Http.Headers;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Responses;

// JSON that parses but holds text .NET cannot read as a string: bytes that are not UTF-8, or an
// escape that is half of a surrogate pair. Every such body is a 400 that says so, never a 500.
public class UnreadableTextTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private const string NotUtf8 = "UTF-8";
    private const string HalfAPair = "surrogate";

    // 0xFF never occurs in UTF-8; 0xC3 opens a two-byte sequence that the quote then breaks.
    private static byte[] WithBadBytes(string json) =>
        [.. json.Split('¤').SelectMany((part, i) => i == 0 ? Encoding.UTF8.GetBytes(part) : [0xFF, 0xC3, .. Encoding.UTF8.GetBytes(part)])];

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return _client.SendAsync(new HttpRequestMessage(method, path) { Content = content });
    }

    private static async Task<JsonObject> ErrorsOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonNode.Parse(text)!["errors"]!.AsObject();
    }

    public static TheoryData<byte[], string, string> PublicBodies => new()
    {
        { WithBadBytes("""{"freeText":"Mörkt¤ vid torget"}"""), "freeText", NotUtf8 },
        { WithBadBytes("""{"area":"¤"}"""), "area", NotUtf8 },
        { WithBadBytes("""{"fr¤eeText":"x"}"""), "$", NotUtf8 },
        // A whole pair (an emoji) is text; the half that follows is not.
        { Encoding.UTF8.GetBytes("""{"freeText":"Mörkt \ud83d\ude00 \ud800 vid torget"}"""), "freeText", HalfAPair },
        { Encoding.UTF8.GetBytes("""{"concerns":["narkotika","\udc00"]}"""), "concerns[1]", HalfAPair },
        { Encoding.UTF8.GetBytes("""{"responseId":"\udc00"}"""), "responseId", HalfAPair },
        { Encoding.UTF8.GetBytes("""{"invitationCode":"ab\ud83dcd"}"""), "invitationCode", HalfAPair },
        { Encoding.UTF8.GetBytes("""{"x\ud800":1}"""), "$", HalfAPair },
        { Encoding.UTF8.GetBytes("""{"gender":{"deep":["\udfff"]}}"""), "gender.deep[0]", HalfAPair },
    };

    [Theory]
    [MemberData(nameof(PublicBodies))]
    public async Task Unreadable_text_in_a_response_is_a_400_that_names_it_and_nothing_is_stored(byte[] body, string field, string problem)
    {
        var slug = await _client.CreateSurveyAsync("utf", areas: [new("centrum", "Centrum")]);

        var errors = await ErrorsOf(await SendAsync(HttpMethod.Post, $"/api/v1/public/surveys/{slug}/responses", body));

        errors.Should().ContainKey(field);
        errors[field]!.AsArray().Select(m => m!.GetValue<string>()).Should().Contain(m => m.Contains(problem));
        factory.QueryScalar("select count(*) from responses where survey_slug = $p", slug).Should().Be(0L);
    }

    private const string Survey = """
        {"slug":"SLUG","municipalityCode":"2514","pledgePeriodStart":"2027-01-01","pledgePeriodEnd":"2027-12-31",
         "opensAt":"2026-01-01T00:00:00+01:00","closesAt":"2028-01-01T00:00:00+01:00","concerns":["narkotika"],
         "areas":[{"code":"centrum","label":"LABEL"}],"title":"TITLE"}
        """;

    public static TheoryData<string, byte[], string, string> StaffBodies => new()
    {
        { "POST", WithBadBytes(Survey.Replace("SLUG", "utf-a").Replace("TITLE", "Trygg¤ i Kalix")), "title", NotUtf8 },
        { "POST", Encoding.UTF8.GetBytes(Survey.Replace("SLUG", "utf-b").Replace("TITLE", "Trygg \\udc00 i Kalix")), "title", HalfAPair },
        { "POST", Encoding.UTF8.GetBytes(Survey.Replace("SLUG", "utf-c").Replace("LABEL", "Centrum\\ud800")), "areas[0].label", HalfAPair },
        { "POST", WithBadBytes(Survey.Replace("SLUG", "utf-d").Replace("LABEL", "Centrum¤")), "areas[0].label", NotUtf8 },
        { "POST", Encoding.UTF8.GetBytes("""{"minimumCellSizeByConcern":{"\udc00":5}}"""), "minimumCellSizeByConcern", HalfAPair },
        { "POST", Encoding.UTF8.GetBytes("""{"ageGroups":["16-24","\ud800"]}"""), "ageGroups[1]", HalfAPair },
        { "PUT", Encoding.UTF8.GetBytes(Survey.Replace("SLUG", "demo").Replace("TITLE", "\\udc00")), "title", HalfAPair },
        { "PUT", WithBadBytes(Survey.Replace("SLUG", "demo").Replace("TITLE", "¤")), "title", NotUtf8 },
    };

    [Theory]
    [MemberData(nameof(StaffBodies))]
    public async Task Unreadable_text_in_a_survey_is_a_400_that_names_the_field(string method, byte[] body, string field, string problem)
    {
        var path = method == "PUT" ? "/api/v1/staff/surveys/demo" : "/api/v1/staff/surveys";

        var errors = await ErrorsOf(await SendAsync(new HttpMethod(method), path, body));

        errors.Should().ContainKey(field);
        errors[field]!.AsArray().Select(m => m!.GetValue<string>()).Should().Contain(m => m.Contains(problem));
    }

    [Fact]
    public async Task Unreadable_text_in_a_field_name_is_a_400_that_says_so()
    {
        var errors = await ErrorsOf(await SendAsync(HttpMethod.Post, "/api/v1/staff/surveys", Encoding.UTF8.GetBytes("""{"t\udc00":1}""")));

        errors.Select(e => e.Value!.AsArray().Select(m => m!.GetValue<string>()))
            .SelectMany(m => m).Should().Contain(m => m.Contains(HalfAPair));
    }
}
