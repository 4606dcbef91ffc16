using System.Net.Http.Headers;
using System.Net;
using System.Text.Json.Nodes;
using QRCoder;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Questionnaire;

// The QR codes comms staff put on posters, and the address they print.
public class QrCodeTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/s/none-such/qr.png")]
    [InlineData("/s/none-such/qr.svg?k=affisch")]
    [InlineData("/s/Not%20a%20slug/qr.png")]
    public async Task Qr_codes_are_drawn_only_for_surveys_that_exist(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("/s/demo/qr.png?size=100000", "size")]
    [InlineData("/s/demo/qr.png?size=41", "size")]
    [InlineData("/s/demo/qr.png?size=3", "size")]
    [InlineData("/s/demo/qr.png?k=Bad%20channel", "k")]
    [InlineData("/s/demo/qr.svg?k=a-channel-name-that-is-far-too-long-to-be-one", "k")]
    public async Task A_size_or_channel_out_of_range_is_refused_naming_it(string path, string parameter)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsAsync(response)).Should().ContainKey(parameter);
    }

    [Fact]
    public async Task A_slug_longer_than_any_survey_s_is_refused_before_it_is_looked_up_or_drawn()
    {
        var slug = new string('a', 64);

        var png = await _client.GetAsync($"/s/{slug}/qr.png");
        var svg = await _client.GetAsync($"/s/{new string('b', 5000)}/qr.svg");

        png.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsAsync(png)).Should().ContainKey("slug");
        svg.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsAsync(svg)).Should().ContainKey("slug");
    }

    [Fact]
    public async Task A_qr_code_may_be_cached_and_is_revalidated_by_its_etag()
    {
        var first = await _client.GetAsync("/s/demo/qr.png?k=affisch");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.CacheControl!.Public.Should().BeTrue();
        first.Headers.CacheControl.MaxAge.Should().BeGreaterThanOrEqualTo(TimeSpan.FromHours(1));
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/s/demo/qr.png?k=affisch");
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await _client.SendAsync(again);
        revalidated.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await revalidated.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        (await _client.GetAsync("/s/demo/qr.png?k=facebook")).Headers.ETag.Should().NotBe(etag, "another channel is another code");
        (await _client.GetAsync("/s/demo/qr.png?k=affisch&size=12")).Headers.ETag.Should().NotBe(etag, "another size is another image");
        var svg = await _client.GetAsync("/s/demo/qr.svg?k=affisch");
        svg.Headers.CacheControl!.Public.Should().BeTrue();
        svg.Headers.ETag.Should().NotBeNull().And.NotBe(etag);
    }

    [Fact]
    public async Task The_png_encodes_the_share_link_of_its_channel()
    {
        var png = await _client.GetByteArrayAsync("/s/demo/qr.png?k=affisch&size=8");

        png.Should().Equal(Draw("http://localhost/s/demo?k=affisch", 8));
    }

    [Fact]
    public async Task A_host_header_outside_the_allowed_hosts_never_reaches_a_poster_or_a_share_link()
    {
        foreach (var path in new[] { "/s/demo/qr.png?k=affisch", "/s/demo/qr.svg", "/api/v1/staff/surveys/demo/share?k=affisch", "/s/demo" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";

            var response = await _client.SendAsync(request);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, path);
        }
        foreach (var host in new[] { "127.0.0.1:5050", "localhost:5050" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/staff/surveys/demo/share?k=affisch");
            request.Headers.Host = host;
            var kit = JsonNode.Parse(await (await _client.SendAsync(request)).Content.ReadAsStringAsync())!;
            kit["link"]!.GetValue<string>().Should().Be($"http://{host}/s/demo?k=affisch", "the README's commands use these addresses");
        }
    }

    [Fact]
    public async Task With_a_public_address_configured_every_link_and_code_carries_it()
    {
        using var configured = new EmbeddedHostFactory { Settings = new Dictionary<string, string> { ["Intake:PublicBaseUrl"] = "https://enkat.kalix.se/" } };
        var client = configured.CreateClient();

        var png = await client.GetByteArrayAsync("/s/demo/qr.png?k=affisch&size=8");
        var kit = JsonNode.Parse(await client.GetStringAsync("/api/v1/staff/surveys/demo/share?k=affisch"))!;
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/s/demo/qr.png");
        forged.Headers.Host = "evil.example";

        png.Should().Equal(Draw("https://enkat.kalix.se/s/demo?k=affisch", 8));
        kit["link"]!.GetValue<string>().Should().Be("https://enkat.kalix.se/s/demo?k=affisch");
        kit["script"]!.GetValue<string>().Should().Contain("src=\"https://enkat.kalix.se/embed.js\"");
        (await client.SendAsync(forged)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static byte[] Draw(string link, int pixels)
    {
        using var generator = new QRCodeGenerator();
        using var code = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.Q);
        return new PngByteQRCode(code).GetGraphic(pixels);
    }

    private static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
    }
}
