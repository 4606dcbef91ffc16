using Survey.Domain.Responses;
using System.Net;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Questionnaire;

public class PlainFormTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<HttpResponseMessage> PostFormAsync(params (string Key, string Value)[] fields) =>
        _client.PostAsync("/s/demo?lang=sv", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));

    // The demo survey's floor hides a handful of respondents in the ranking: count the stored answers.
    private Task<long> RespondentsAsync() =>
        Task.FromResult((long)factory.QueryScalar("select count(*) from responses where survey_slug = $p", "demo")!);

    [Fact]
    public async Task A_bot_that_fills_in_the_hidden_field_is_thanked_and_not_counted()
    {
        var before = await RespondentsAsync();

        var response = await PostFormAsync(("responseId", Guid.NewGuid().ToString()), ("concerns", "narkotika"), ("website", "https://spam.example"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Tack för ditt svar!");
        (await RespondentsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task The_same_form_posted_twice_counts_once()
    {
        var before = await RespondentsAsync();
        var id = Guid.NewGuid().ToString();

        for (var i = 0; i < 2; i++)
            (await PostFormAsync(("responseId", id), ("concerns", "inbrott"), ("safety", "2"), ("website", ""))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await RespondentsAsync()).Should().Be(before + 1);
    }

    [Theory]
    [InlineData("none", "[]")]
    [InlineData("dontknow", null)]
    public async Task None_and_dont_know_are_told_apart(string ticked, string? storedConcerns)
    {
        var id = Guid.NewGuid();
        (await PostFormAsync(("responseId", id.ToString()), ("concerns", ticked))).StatusCode.Should().Be(HttpStatusCode.OK);

        var concerns = factory.QueryScalar("select json_extract(answer, '$.concerns') from responses where response_id = $p", ResponseIds.Stored("demo", id).ToString());
        (concerns is DBNull ? null : (string?)concerns).Should().Be(storedConcerns,
            "'none of these' is an answer (no problems); 'don't know' leaves the question unanswered");
    }
}
