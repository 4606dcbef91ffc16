using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Access;

// The access matrix: each role × each staff endpoint × own and other municipality.
public class StaffAccessTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private const string Kalix = "2514";
    private const string Bromolla = "1272";

    private Task<string> SurveyInAsync(string municipality) => factory.CreateClient().CreateSurveyAsync("acc", municipality);

    private static object Body(string slug, string municipality) => TestSurveys.Request(slug, municipality);

    private HttpClient As(string? role, string municipality = Kalix)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = role is null ? null : new AuthenticationHeaderValue("Bearer", factory.Token([role], [municipality]));
        return client;
    }

    public static TheoryData<string, string, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, string, HttpStatusCode>();
        // endpoint, role, whose survey (own/other), expected
        (string Endpoint, string[] Allowed)[] endpoints =
        [
            ("GET survey", ["admin", "analyst", "comms"]),
            ("PUT survey", ["admin"]),
            ("GET ranking", ["admin", "analyst"]),
            ("GET ranking.xlsx", ["admin", "analyst"]),
            ("GET ranking.csv", ["admin", "analyst"]),
            ("GET share", ["admin", "comms"]),
            ("GET channels", ["admin", "analyst", "comms"]),
            ("POST invitations", ["admin"]),
            ("PUT population", ["admin"]),
        ];
        foreach (var (endpoint, allowed) in endpoints)
            foreach (var role in new[] { "admin", "analyst", "comms" })
            {
                var ok = endpoint switch { "POST invitations" => HttpStatusCode.Created, _ => HttpStatusCode.OK };
                data.Add(endpoint, role, "own", allowed.Contains(role) ? ok : HttpStatusCode.Forbidden);
                data.Add(endpoint, role, "other", HttpStatusCode.Forbidden);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_what_it_may_and_only_in_its_own_municipality(string endpoint, string role, string whose, HttpStatusCode expected)
    {
        var slug = await SurveyInAsync(whose == "own" ? Kalix : Bromolla);
        var client = As(role);

        var response = endpoint switch
        {
            "GET survey" => await client.GetAsync($"/api/v1/staff/surveys/{slug}"),
            "PUT survey" => await client.PutAsJsonAsync($"/api/v1/staff/surveys/{slug}", Body(slug, whose == "own" ? Kalix : Bromolla)),
            "GET ranking" => await client.GetAsync($"/api/v1/staff/surveys/{slug}/ranking"),
            "GET ranking.xlsx" => await client.GetAsync($"/api/v1/staff/surveys/{slug}/ranking?format=xlsx"),
            "GET ranking.csv" => await client.GetAsync($"/api/v1/staff/surveys/{slug}/ranking?format=csv&by=area"),
            "GET share" => await client.GetAsync($"/api/v1/staff/surveys/{slug}/share?k=facebook"),
            "GET channels" => await client.GetAsync($"/api/v1/staff/surveys/{slug}/channels"),
            "POST invitations" => await client.PostAsync($"/api/v1/staff/surveys/{slug}/invitations",
                new StringContent("""{"count":1}""", Encoding.UTF8, "application/json")),
            "PUT population" => await client.PutAsync($"/api/v1/staff/surveys/{slug}/population",
                new StringContent("ageGroup;gender;population\n16-24;kvinna;100\n", Encoding.UTF8, "text/csv")),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };

        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        if (expected == HttpStatusCode.Forbidden)
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Without_a_token_every_staff_endpoint_is_401_and_public_ones_stay_open()
    {
        var slug = await SurveyInAsync(Kalix);
        var anonymous = As(null);

        foreach (var path in new[] { "/api/v1/staff/surveys", $"/api/v1/staff/surveys/{slug}", $"/api/v1/staff/surveys/{slug}/ranking",
                     $"/api/v1/staff/surveys/{slug}/channels", $"/api/v1/staff/surveys/{slug}/share?k=x" })
        {
            var response = await anonymous.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, path);
            response.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");
        }
        (await anonymous.GetAsync($"/api/v1/public/surveys/{slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/s/{slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_embedded_host_serves_no_internal_route()
    {
        // Intake reads definitions and spends codes in process here; /internal/v1 would only be a way in from outside.
        var slug = await SurveyInAsync(Kalix);

        foreach (var client in new[] { As("admin"), As(null) })
        {
            (await client.GetAsync($"/internal/v1/surveys/{slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await client.PostAsJsonAsync($"/internal/v1/surveys/{slug}/invitations/redeem", new { code = "AAAAA-AAAAA" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await client.PostAsJsonAsync($"/internal/v1/surveys/{slug}/invitations/release", new { code = "AAAAA-AAAAA" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_forged_or_expired_token_is_refused()
    {
        var slug = await SurveyInAsync(Kalix);
        var forged = factory.CreateClient();
        var token = factory.Token(["admin"], ["*"]);
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");

        (await forged.GetAsync($"/api/v1/staff/surveys/{slug}/ranking")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_survey_list_shows_only_granted_municipalities_and_nobody_creates_for_another()
    {
        var own = await SurveyInAsync(Kalix);
        var other = await SurveyInAsync(Bromolla);
        var analyst = As("analyst");

        var list = JsonNode.Parse(await analyst.GetStringAsync("/api/v1/staff/surveys"))!.AsArray().Select(s => s!["slug"]!.GetValue<string>()).ToList();
        list.Should().Contain(own).And.NotContain(other);
        (await As("admin").PostAsJsonAsync("/api/v1/staff/surveys", Body("not-mine-" + Guid.NewGuid().ToString("N")[..6], Bromolla)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await As("analyst").PostAsJsonAsync("/api/v1/staff/surveys", Body("no-role-" + Guid.NewGuid().ToString("N")[..6], Kalix)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
