using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.UnitTests.Intake;

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
                var secured = operation!["security"] is JsonArray { Count: > 0 };
                secured.Should().Be(path.StartsWith("/api/v1/staff/", StringComparison.Ordinal), $"{method} {path}");
            }
    }

    [Fact]
    public async Task Every_public_response_status_of_design_md_is_described()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var responses = document["paths"]!["/api/v1/public/surveys/{slug}/responses"]!["post"]!["responses"]!.AsObject();

        responses.Select(r => r.Key).Should().Contain(["202", "400", "404", "410", "413", "415", "429", "503"]);
    }
}
