using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Surveys;

public class SurveyApiTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static object Survey(string slug, string municipality = "2514") => new
    {
        slug,
        municipalityCode = municipality,
        pledgePeriodStart = "2027-01-01",
        pledgePeriodEnd = "2028-12-31",
        opensAt = "2026-10-01T00:00:00+02:00",
        closesAt = "2027-01-02T00:00:00+01:00",
        languages = new[] { "sv", "fi" },
        areas = new[] { new { code = "tore", label = "Töre" } },
        concerns = new[] { "narkotika", "inbrott", "vald-i-nara-relation", "trafik" },
    };

    [Fact]
    public async Task Staff_create_read_and_edit_a_survey()
    {
        var slug = "bromolla-" + Guid.NewGuid().ToString("N")[..6];
        var created = await _client.PostAsJsonAsync("/api/v1/staff/surveys", Survey(slug, "1272"));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/api/v1/staff/surveys/{slug}");

        var read = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}"))!;
        read["municipalityCode"]!.GetValue<string>().Should().Be("1272");
        read["minimumCellSize"]!.GetValue<int>().Should().Be(5);

        var edited = await _client.PutAsJsonAsync($"/api/v1/staff/surveys/{slug}", new
        {
            municipalityCode = "1272", pledgePeriodStart = "2027-01-01", pledgePeriodEnd = "2028-12-31",
            opensAt = "2026-10-01T00:00:00+02:00", closesAt = "2027-02-01T00:00:00+01:00",
            languages = new[] { "sv" }, areas = Array.Empty<object>(), concerns = new[] { "narkotika", "trafik" },
            minimumCellSize = 10,
        });
        edited.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}"))!;
        after["minimumCellSize"]!.GetValue<int>().Should().Be(10);
        after["concerns"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Once_answers_have_arrived_a_floor_can_be_raised_but_never_lowered()
    {
        // Lowering the floor between two reads would show the small counts the first read hid (a review found it).
        var slug = await _client.CreateSurveyAsync("floor", minimumCellSize: 5);
        var survey = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}"))!.AsObject();
        Task<HttpResponseMessage> Put(int minimum, int? violence = null)
        {
            survey["minimumCellSize"] = minimum;
            survey["minimumCellSizeByConcern"] = violence is { } v ? new JsonObject { ["narkotika"] = v } : null;
            return _client.PutAsync($"/api/v1/staff/surveys/{slug}",
                new StringContent(survey.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        }

        (await Put(3)).StatusCode.Should().Be(HttpStatusCode.OK, "before any answer a floor may be set as the admin likes");
        (await Put(5, violence: 10)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", new { concerns = new[] { "narkotika" } }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

        var lowered = await Put(1, violence: 10);
        lowered.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await lowered.Content.ReadAsStringAsync()).Should().Contain("minimumCellSize from 5 to 1");
        (await Put(5)).StatusCode.Should().Be(HttpStatusCode.Conflict, "dropping narkotika's floor of 10 lowers it to 5");
        (await Put(6, violence: 12)).StatusCode.Should().Be(HttpStatusCode.OK, "raising is always allowed");
        JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}"))!["minimumCellSize"]!.GetValue<int>().Should().Be(6);
    }

    [Fact]
    public async Task A_taken_slug_is_409()
    {
        var slug = "taken-" + Guid.NewGuid().ToString("N")[..6];
        (await _client.PostAsJsonAsync("/api/v1/staff/surveys", Survey(slug))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await _client.PostAsJsonAsync("/api/v1/staff/surveys", Survey(slug))).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_municipality_code_outside_the_290_is_named()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/staff/surveys", Survey("nowhere", "2599"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors.Should().ContainKey("municipalityCode");
    }

    [Fact]
    public async Task Missing_required_fields_are_named()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/staff/surveys", new { slug = "half" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Contain(["pledgePeriodStart", "pledgePeriodEnd", "opensAt", "closesAt", "municipalityCode"]);
    }

    [Fact]
    public async Task The_embedded_host_has_an_open_demo_survey_for_kalix_with_every_concern()
    {
        var demo = JsonNode.Parse(await _client.GetStringAsync("/api/v1/public/surveys/demo"))!;

        demo["municipalityCode"]!.GetValue<string>().Should().Be("2514");
        demo["window"]!.GetValue<string>().Should().Be("open");
        demo["concerns"]!.AsArray().Select(c => c!["code"]!.GetValue<string>())
            .Should().Contain(["narkotika", "inbrott", "vald-i-nara-relation", "trafik"]).And.HaveCount(16);
    }

    [Fact]
    public async Task Unknown_survey_ranking_is_404()
    {
        (await _client.GetAsync("/api/v1/staff/surveys/none-such/ranking")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"slug":"x1","opensAt":"tomorrow"}""", "opensAt")]
    [InlineData("""{"slug":"x1","colour":"red"}""", "colour")]
    public async Task Unreadable_or_unknown_fields_are_named(string json, string field)
    {
        var response = await _client.PostAsync("/api/v1/staff/surveys",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().Should().ContainKey(field);
    }
}
