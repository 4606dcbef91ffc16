using System.Net.Http.Headers;
using System.Net;
using System.Text;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Questionnaire;

// The no-JavaScript form takes no more than the JSON endpoint does, and says so in the resident's language.
public class PlainFormLimitTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private long Stored(string slug) => (long)factory.QueryScalar("select count(*) from responses where survey_slug = $p", slug)!;

    private static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    private static HttpContent Urlencoded(string body, bool chunked = false)
    {
        var bytes = Encoding.ASCII.GetBytes(body);
        // A stream of unknown length goes out chunked, without a Content-Length the server could check first.
        HttpContent content = chunked ? new StreamContent(new UnseekableStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    private async Task<string> TooLargePageAsync(HttpResponseMessage response)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, html.Length > 500 ? html[..500] : html);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        return html;
    }

    public static TheoryData<string, int, bool> Oversized => new()
    {
        { "freeText", 70_000, false },       // just over 64 KB, with Content-Length
        { "freeText", 20_000_000, false },   // 20 MB
        { "freeText", 3_000_000, true },     // 3 MB chunked: no Content-Length to refuse it by
    };

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task A_form_over_64_KB_is_a_413_page_in_Swedish_and_nothing_is_stored(string field, int length, bool chunked)
    {
        var slug = await _client.CreateSurveyAsync("big");

        var response = await _client.PostAsync($"/s/{slug}",
            Urlencoded(Form(("responseId", Guid.NewGuid().ToString()), ("concerns", "narkotika"), (field, new string('a', length))), chunked));

        var html = await TooLargePageAsync(response);
        html.Should().Contain("Svaret är för långt").And.Contain("lang=\"sv\"");
        Stored(slug).Should().Be(0);
    }

    [Fact]
    public async Task Many_small_chunks_that_add_up_to_more_than_64_KB_are_refused_too()
    {
        var slug = await _client.CreateSurveyAsync("big");
        // 800 fields of 100 bytes: each field is small, together they are 80 KB.
        var fields = Enumerable.Range(0, 800).Select(i => ($"f{i}", new string('b', 100))).ToArray();

        var response = await _client.PostAsync($"/s/{slug}", Urlencoded(Form(fields), chunked: true));

        await TooLargePageAsync(response);
        Stored(slug).Should().Be(0);
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(2_000)]
    public async Task A_form_with_too_many_fields_is_a_413_page_and_nothing_is_stored(int count)
    {
        var slug = await _client.CreateSurveyAsync("many");
        // Short fields, so the body stays under 64 KB where it can: the count alone must refuse it.
        var fields = Enumerable.Range(0, count).Select(i => ("concerns", "narkotika")).Prepend(("responseId", Guid.NewGuid().ToString())).ToArray();

        var response = await _client.PostAsync($"/s/{slug}", Urlencoded(Form(fields)));

        await TooLargePageAsync(response);
        Stored(slug).Should().Be(0);
    }

    [Theory]
    [InlineData("en", "Your answer is too long")]
    [InlineData("fi", "Vastauksesi on liian pitkä")]
    public async Task The_413_page_is_in_the_residents_language(string language, string title)
    {
        // The demo survey offers Swedish, English and Finnish.
        var response = await _client.PostAsync($"/s/demo?lang={language}", Urlencoded(Form(("freeText", new string('a', 70_000)))));

        (await TooLargePageAsync(response)).Should().Contain(title).And.Contain($"lang=\"{language}\"");
    }

    [Fact]
    public async Task Any_other_form_with_too_many_fields_is_a_4xx_not_a_500()
    {
        // The staff sign-in form reads its fields with the framework's limits, which throw when passed.
        var fields = Enumerable.Range(0, 2_000).Select(i => ("token", "x")).ToArray();

        var response = await _client.PostAsync("/staff/login", Urlencoded(Form(fields)));

        ((int)response.StatusCode).Should().BeInRange(400, 499);
    }

    // A stream without a length, as a browser's chunked upload arrives.
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
