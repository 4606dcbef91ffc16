using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.UnitTests.Hosts;

public class OpenApiTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    [Fact]
    public async Task The_document_describes_every_api_route_and_marks_exactly_the_staff_ones_as_needing_a_token()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        var apiRoutes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal))
            .Select(p => p.TrimEnd('/'))
            .Distinct()
            .ToList();
        apiRoutes.Should().HaveCountGreaterThan(8);
        paths.Select(p => p.Key.TrimEnd('/')).Should().Contain(apiRoutes);

        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        foreach (var (path, item) in paths)
            foreach (var (method, operation) in item!.AsObject())
            {
                var secured = operation!["security"] is JsonArray requirements && requirements.Any(r => r!["Bearer"] is not null);
                secured.Should().Be(path.StartsWith("/api/v1/staff/", StringComparison.Ordinal), $"{method} {path}");
            }
    }

    /// <summary>What `npx @redocly/cli lint` checks as errors in this document, so that it stays at none.</summary>
    [Fact]
    public async Task Every_operation_states_its_security_and_has_a_name_and_every_tag_a_description()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        document["servers"]!.AsArray().Should().OnlyContain(s => !s!["url"]!.GetValue<string>().EndsWith('/'));
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Name: $"{o.Key} {p.Key}", Operation: o.Value!))).ToList();
        operations.Where(o => (o.Operation["security"] as JsonArray)?.Count is not > 0).Select(o => o.Name)
            .Should().BeEmpty("an open operation says so with an empty requirement");
        var ids = operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
        ids.Should().OnlyContain(id => !string.IsNullOrEmpty(id)).And.OnlyHaveUniqueItems();
        document["tags"]!.AsArray().Should().OnlyContain(t => !string.IsNullOrEmpty(t!["description"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_public_response_status_of_design_md_is_described()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var responses = document["paths"]!["/api/v1/public/surveys/{slug}/responses"]!["post"]!["responses"]!.AsObject();

        responses.Select(r => r.Key).Should().Contain(["202", "400", "404", "410", "413", "415", "429", "503"]);
    }
}
