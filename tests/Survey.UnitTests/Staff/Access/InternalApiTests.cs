using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Survey.Domain.Surveys;
using Survey.Intake.Invitations;
using Survey.Intake.Surveys;
using Survey.Intake;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Access;

// /internal/v1 on the Staff API: for Intake's service key and nobody else, not even an admin.
public class InternalApiTests(StaffApiFactory ranking) : IClassFixture<StaffApiFactory>
{
    private async Task<(string Slug, string Code)> SampledSurveyAsync()
    {
        var admin = ranking.Admin();
        var slug = await admin.CreateSurveyAsync("intern", invitationOnly: true);
        var batch = await admin.PostAsJsonAsync($"/api/v1/staff/surveys/{slug}/invitations", new { count = 1 });
        batch.StatusCode.Should().Be(HttpStatusCode.Created);
        return (slug, JsonNode.Parse(await batch.Content.ReadAsStringAsync())!["codes"]![0]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> CallAsync(HttpClient client, string route, string slug, string code) => route switch
    {
        "definition" => client.GetAsync($"/internal/v1/surveys/{slug}"),
        "redeem" => client.PostAsJsonAsync($"/internal/v1/surveys/{slug}/invitations/redeem", new { code }),
        "release" => client.PostAsJsonAsync($"/internal/v1/surveys/{slug}/invitations/release", new { code }),
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };

    private HttpClient Caller(string caller) => caller switch
    {
        "nobody" => ranking.Anonymous(),
        "admin token" => ranking.Admin(),
        "admin token and a wrong key" => WithKey(ranking.Admin(), "0123456789abcdef0123456789abcdef0123456789abcdef"),
        "a wrong key" => ranking.Intake("0123456789abcdef0123456789abcdef0123456789abcdef"),
        "the key as a bearer token" => Bearer(ranking.Anonymous(), ranking.IntakeKey!),
        "the key in lower case" => ranking.Intake(ranking.IntakeKey!.ToLowerInvariant()),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private static HttpClient WithKey(HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Add("X-Service-Key", key);
        return client;
    }

    private static HttpClient Bearer(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static TheoryData<string, string> Refused()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in new[] { "definition", "redeem", "release" })
            foreach (var caller in new[] { "nobody", "admin token", "admin token and a wrong key", "a wrong key", "the key as a bearer token", "the key in lower case" })
                data.Add(route, caller);
        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Each_internal_route_refuses_anyone_without_intakes_key(string route, string caller)
    {
        var (slug, code) = await SampledSurveyAsync();

        var response = await CallAsync(Caller(caller), route, slug, code);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("municipalityCode", "nothing of the survey is given away");
    }

    [Fact]
    public async Task Intakes_key_opens_each_internal_route()
    {
        var (slug, code) = await SampledSurveyAsync();
        var intake = ranking.Intake();

        (await CallAsync(intake, "definition", slug, code)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await CallAsync(intake, "redeem", slug, code)).Content.ReadAsStringAsync()).Should().Contain("\"redeemed\"");
        (await CallAsync(intake, "release", slug, code)).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_spent_invitation_code_is_released_only_by_intake()
    {
        var (slug, code) = await SampledSurveyAsync();
        var intake = ranking.Intake();
        (await (await CallAsync(intake, "redeem", slug, code)).Content.ReadAsStringAsync()).Should().Contain("\"redeemed\"");

        // The resident who spent it, or an admin, tries to make it usable again, to answer twice.
        foreach (var caller in new[] { "nobody", "admin token", "a wrong key" })
            (await CallAsync(Caller(caller), "release", slug, code)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, caller);
        (await (await CallAsync(intake, "redeem", slug, code)).Content.ReadAsStringAsync()).Should().Contain("\"alreadyUsed\"", "the code is still spent");

        (await CallAsync(intake, "release", slug, code)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await CallAsync(intake, "redeem", slug, code)).Content.ReadAsStringAsync()).Should().Contain("\"redeemed\"");
    }

    [Fact]
    public async Task The_api_description_leaves_the_internal_routes_out_and_marks_only_staff_routes_as_needing_a_token()
    {
        var document = JsonNode.Parse(await ranking.Anonymous().GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject();
        paths.Select(p => p.Key).Should().NotContain(p => p.StartsWith("/internal", StringComparison.Ordinal)).And.Contain(p => p.StartsWith("/api/v1/staff/", StringComparison.Ordinal));
        foreach (var (path, item) in paths)
            foreach (var (method, operation) in item!.AsObject())
                (operation!["security"] is JsonArray { Count: > 0 }).Should().Be(path.StartsWith("/api/v1/staff/", StringComparison.Ordinal), $"{method} {path}");
    }

    [Fact]
    public void A_key_shorter_than_32_characters_stops_the_ranking_api_at_start()
    {
        using var weak = new StaffApiFactory { IntakeKey = "too-short" };

        var start = () => weak.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage("*InternalApi:IntakeKey*32*");
    }

    // Intake as it runs in distributed mode, its HTTP calls going to this Staff API in memory.
    private WebApplication IntakeHost(string? key)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Intake:StaffApi"] = "http://localhost/",
            ["Intake:StaffApiKey"] = key,
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddResponseIntake();
        builder.Services.AddHttpClient(HttpSurveyDefinitionSource.ClientName).ConfigurePrimaryHttpMessageHandler(() => ranking.Server.CreateHandler());
        return builder.Build();
    }

    [Fact]
    public async Task Intake_reads_definitions_and_spends_codes_with_its_key()
    {
        var (slug, code) = await SampledSurveyAsync();
        await using var intake = IntakeHost(ranking.IntakeKey);
        var redeemer = intake.Services.GetRequiredService<IInvitationRedeemer>();

        (await intake.Services.GetRequiredService<ISurveyDefinitionSource>().FindAsync(slug, CancellationToken.None))!.Slug.Should().Be(slug);
        (await redeemer.RedeemAsync(slug, code, CancellationToken.None)).Should().Be(InvitationState.Redeemed);
        await redeemer.ReleaseAsync(slug, code, CancellationToken.None);
        (await redeemer.RedeemAsync(slug, code, CancellationToken.None)).Should().Be(InvitationState.Redeemed, "Intake's release worked");
    }

    [Fact]
    public async Task Intake_with_another_key_reads_nothing()
    {
        var (slug, _) = await SampledSurveyAsync();
        await using var intake = IntakeHost("another-key-0123456789abcdef0123456789");

        var read = () => intake.Services.GetRequiredService<ISurveyDefinitionSource>().FindAsync(slug, CancellationToken.None);

        await read.Should().ThrowAsync<SurveyDefinitionsUnavailableException>();
    }

    [Fact]
    public async Task Intake_in_distributed_mode_does_not_start_without_its_key()
    {
        await using var intake = IntakeHost(key: null);

        var start = () => intake.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).WithMessage("*Intake:StaffApiKey*");
    }
}

// A Staff API without InternalApi:IntakeKey refuses every internal request (401): nobody has a key to show.
public class InternalApiWithoutKeyTests(StaffApiWithoutIntakeKey ranking) : IClassFixture<StaffApiWithoutIntakeKey>
{
    [Fact]
    public async Task Without_its_setting_the_ranking_api_refuses_every_internal_request()
    {
        var slug = await ranking.Admin().CreateSurveyAsync("nokey");

        foreach (var key in new[] { "", "0123456789abcdef0123456789abcdef0123456789abcdef" })
        {
            var client = ranking.Anonymous();
            if (key.Length > 0) client.DefaultRequestHeaders.Add("X-Service-Key", key);
            (await client.GetAsync($"/internal/v1/surveys/{slug}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await client.PostAsJsonAsync($"/internal/v1/surveys/{slug}/invitations/release", new { code = "AAAAA-AAAAA" }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }
}
