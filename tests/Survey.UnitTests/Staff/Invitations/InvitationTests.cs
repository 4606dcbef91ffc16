using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Survey.Domain.Surveys;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Invitations;

public class InvitationTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static async Task<(string Slug, List<string> Codes)> SampledSurveyAsync(HttpClient client, int codes)
    {
        var slug = await client.CreateSurveyAsync("urval", municipality: "2132", years: 4, invitationOnly: true);
        var batch = await client.PostAsJsonAsync($"/api/v1/staff/surveys/{slug}/invitations", new { count = codes });
        batch.StatusCode.Should().Be(HttpStatusCode.Created);
        var list = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!["codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        return (slug, list);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string slug, string? code) =>
        client.PostAsync($"/api/v1/public/surveys/{slug}/responses", new StringContent(
            code is null ? """{"concerns":["trafik"]}""" : $$"""{"concerns":["trafik"],"invitationCode":"{{code}}"}""",
            Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Each_code_answers_once_and_a_sampled_survey_needs_one()
    {
        var (slug, codes) = await SampledSurveyAsync(_client, 3);
        codes.Should().HaveCount(3).And.OnlyContain(c => c.Length == 11 && c[5] == '-');

        var missing = await PostAsync(_client, slug, null);
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("invitationCode");

        (await PostAsync(_client, slug, codes[0])).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var again = await PostAsync(_client, slug, codes[0]);
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).Should().Contain("used already");

        // Typed from a letter: lower case, no hyphen.
        (await PostAsync(_client, slug, codes[1].Replace("-", "").ToLowerInvariant())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await PostAsync(_client, slug, "ZZZZZ-ZZZZZ")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking")).Should().Contain("\"respondents\":2");
    }

    [Fact]
    public async Task The_code_is_never_stored_with_the_answer_and_only_its_hash_is_kept()
    {
        var (slug, codes) = await SampledSurveyAsync(_client, 1);
        (await PostAsync(_client, slug, codes[0])).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var stored = (string)factory.QueryScalar("select answer from responses where survey_slug = $p", slug)!;
        stored.Should().NotContain(codes[0]).And.NotContain(codes[0].Replace("-", "")).And.NotContainEquivalentOf("invitation");
        ((string)factory.QueryScalar("select code_hash from invitations where survey_slug = $p", slug)!).Should().Be(InvitationCode.Hash(codes[0])).And.NotContain(codes[0]);
    }

    [Fact]
    public async Task A_code_whose_answer_could_not_be_saved_can_be_used_again()
    {
        var broken = true;
        using var flaky = new EmbeddedHostFactory
        {
            ConfigureTestServices = s => s.Decorate(broken),
        };
        var client = flaky.CreateClient();
        var (slug, codes) = await SampledSurveyAsync(client, 1);

        (await PostAsync(client, slug, codes[0])).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        FailingPublish.Broken = false;
        (await PostAsync(client, slug, codes[0])).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking")).Should().Contain("\"respondents\":1");
    }
}

// Wraps the real publish endpoint and fails while Broken is set, as an unreachable broker does.
internal static class FailingPublish
{
    public static volatile bool Broken;

    public static void Decorate(this IServiceCollection services, bool broken)
    {
        Broken = broken;
        var real = services.Last(d => d.ServiceType == typeof(IPublishEndpoint));
        services.Replace(ServiceDescriptor.Scoped<IPublishEndpoint>(sp =>
        {
            var inner = (IPublishEndpoint)real.ImplementationFactory!(sp);
            return Broken ? new UnreachableBroker() : inner;
        }));
    }
}
