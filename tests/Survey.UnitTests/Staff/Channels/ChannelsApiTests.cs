using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Channels;

public class ChannelsApiTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<string> CreateSurveyAsync() => _client.CreateSurveyAsync("ch", municipality: "1272");

    [Fact]
    public async Task Comms_staff_see_which_channel_and_day_brought_answers()
    {
        var slug = await CreateSurveyAsync();
        foreach (var channel in new[] { "facebook", "facebook", "affisch", null })
        {
            var body = channel is null ? "{}" : $$"""{"channel":"{{channel}}"}""";
            (await _client.PostAsync($"/api/v1/public/surveys/{slug}/responses", new StringContent(body, Encoding.UTF8, "application/json")))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var report = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/channels"))!;

        report["respondents"]!.GetValue<long>().Should().Be(4);
        report["channels"]!.AsArray().Select(c => (c!["channel"]?.GetValue<string>(), c["respondents"]!.GetValue<long>()))
            .Should().Equal(("facebook", 2L), ("affisch", 1L), (null, 1L));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime);
        report["days"]!.AsArray().Should().ContainSingle();
        report["days"]![0]!["day"]!.GetValue<string>().Should().Be(today.ToString("yyyy-MM-dd"));
        report["days"]![0]!["responses"]!.GetValue<long>().Should().Be(4);
    }

    [Fact]
    public async Task A_hidden_channel_is_not_named_anywhere_so_a_link_made_for_one_person_tells_nothing()
    {
        // A link made for one person (?k=anna-svensson), used once: under the floor, so hidden; named, it would say she answered.
        var slug = await _client.CreateSurveyAsync("ch", municipality: "1272", minimumCellSize: 5);
        foreach (var channel in Enumerable.Repeat<string?>("facebook", 6).Concat(Enumerable.Repeat<string?>(null, 6)).Append("anna-svensson").Append("affisch"))
        {
            var body = channel is null ? """{"concerns":["narkotika"]}""" : $$"""{"channel":"{{channel}}","concerns":["narkotika"]}""";
            (await _client.PostAsync($"/api/v1/public/surveys/{slug}/responses", new StringContent(body, Encoding.UTF8, "application/json")))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var channels = await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/channels");
        var byChannel = await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?by=channel");
        var csv = await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?by=channel&format=csv");
        var dashboard = await _client.GetStringAsync($"/staff/dashboard/{slug}?by=channel");

        foreach (var read in new[] { channels, byChannel, csv, dashboard })
            read.Should().NotContain("anna-svensson").And.NotContain("Anna svensson").And.NotContain("affisch").And.NotContain("Affisch");
        var together = JsonNode.Parse(channels)!["channels"]!.AsArray().Single(c => c!["channel"]?.GetValue<string>() == "*")!;
        together["respondents"].Should().BeNull();
        dashboard.Should().Contain("Övriga kanaler");
    }

    [Fact]
    public async Task The_share_kit_gives_the_link_qr_codes_and_both_embed_snippets_for_a_channel()
    {
        var slug = await CreateSurveyAsync();

        var kit = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/share?k=lokaltidningen"))!;

        kit["link"]!.GetValue<string>().Should().EndWith($"/s/{slug}?k=lokaltidningen");
        kit["qrPng"]!.GetValue<string>().Should().EndWith($"/s/{slug}/qr.png?k=lokaltidningen");
        kit["iframe"]!.GetValue<string>().Should().StartWith("<iframe").And.Contain("title=");
        kit["script"]!.GetValue<string>().Should().Contain("/embed.js").And.Contain($"data-survey=\"{slug}\"").And.Contain("data-channel=\"lokaltidningen\"");
        (await _client.GetAsync(new Uri(kit["qrPng"]!.GetValue<string>()).PathAndQuery)).Content.Headers.ContentType!.MediaType.Should().Be("image/png");
    }

    [Fact]
    public async Task A_channel_name_that_would_break_a_link_is_refused()
    {
        var slug = await CreateSurveyAsync();
        var response = await _client.GetAsync($"/api/v1/staff/surveys/{slug}/share?k=Face%20Book");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"k\"");
    }

    [Fact]
    public async Task A_channel_with_a_line_break_at_its_end_is_no_channel()
    {
        // "$" in a .NET pattern also matches before a final "\n": "facebook\n" was stored as a channel of its own that
        // looks like facebook, and went into the share link, the QR code and the iframe.
        var slug = await CreateSurveyAsync();

        var answer = await _client.PostAsync($"/api/v1/public/surveys/{slug}/responses",
            new StringContent("""{"channel":"facebook\n"}""", Encoding.UTF8, "application/json"));
        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("\"channel\"");

        foreach (var path in new[] { $"/api/v1/staff/surveys/{slug}/share?k=facebook%0A", $"/s/{slug}/qr.png?k=facebook%0A", $"/s/{slug}/qr.svg?k=facebook%0A" })
        {
            var response = await _client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, path);
            (await response.Content.ReadAsStringAsync()).Should().Contain("\"k\"");
        }
        JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/channels"))!["respondents"]!.GetValue<long>().Should().Be(0);
    }
}
