using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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

    // What `npx @redocly/cli lint` checks as errors in this document, so that it stays at none.
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

    [Fact]
    public async Task The_document_names_the_licence_of_the_repository()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        document["info"]!["license"]!["identifier"]!.GetValue<string>().Should().Be("Apache-2.0");
        var licence = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "LICENSE"));
        licence.Should().Contain("Apache License").And.Contain("Version 2.0, January 2004");
    }

    // The values the document offers for ?format=, ?dialect= and ?by= are exactly what the endpoints take: each one listed
    // is answered, one outside the list is a 400 naming the parameter.
    [Fact]
    public async Task Every_query_value_the_document_lists_is_taken_and_any_other_is_a_400_naming_the_parameter()
    {
        var client = factory.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var slug = "openapi-" + Guid.NewGuid().ToString("N")[..8];
        var created = await client.PostAsJsonAsync("/api/v1/staff/surveys", JsonNode.Parse($$$"""
            {"slug": "{{{slug}}}", "municipalityCode": "2514", "pledgePeriodStart": "2027-01-01", "pledgePeriodEnd": "2027-12-31",
             "opensAt": "2026-01-01T00:00:00+01:00", "closesAt": "2036-01-01T00:00:00+01:00", "languages": ["sv"], "areas": [],
             "concerns": ["narkotika", "trafik"],
             "questions": [{"code": "trygg-centrum", "type": "single", "label": {"sv": "Känner du dig trygg i centrum?"},
                            "options": [{"code": "ja", "label": {"sv": "Ja"}}, {"code": "nej", "label": {"sv": "Nej"}}]}]}
            """));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        JsonNode Parameter(string path, string name) => document["paths"]![path]!["get"]!["parameters"]!.AsArray()
            .Single(p => p!["name"]!.GetValue<string>() == name)!["schema"]!;
        static List<string> Enum(JsonNode schema) => schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        async Task Taken(string url) => (await client.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK, url);
        async Task Refused(string url, string parameter)
        {
            var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, url);
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![parameter].Should().NotBeNull(url);
        }

        var ranking = $"/api/v1/staff/surveys/{slug}/ranking";
        const string rankingPath = "/api/v1/staff/surveys/{slug}/ranking";
        Enum(Parameter(rankingPath, "format")).Should().BeEquivalentTo("json", "csv", "xlsx");
        foreach (var format in Enum(Parameter(rankingPath, "format"))) await Taken($"{ranking}?format={format}");
        await Refused($"{ranking}?format=pdf", "format");
        foreach (var dialect in Enum(Parameter(rankingPath, "dialect"))) await Taken($"{ranking}?format=csv&dialect={dialect}");
        await Refused($"{ranking}?format=csv&dialect=semicolon", "dialect");

        var by = Parameter(rankingPath, "by");
        by["type"]!.GetValue<string>().Should().Be("string");
        var breakdowns = Enum(by["anyOf"]![0]!);
        breakdowns.Should().BeEquivalentTo("area", "ageGroup", "gender", "channel");
        foreach (var dimension in breakdowns) await Taken($"{ranking}?by={dimension}");
        var questionCode = new Regex(by["anyOf"]![1]!["pattern"]!.GetValue<string>());
        questionCode.IsMatch("trygg-centrum").Should().BeTrue();
        await Taken($"{ranking}?by=trygg-centrum");
        questionCode.IsMatch("Kommun!").Should().BeFalse();
        await Refused($"{ranking}?by=Kommun!", "by");
        await Refused($"{ranking}?by=no-such-question", "by");

        const string questionPath = "/api/v1/staff/surveys/{slug}/questions/{code}";
        var question = $"/api/v1/staff/surveys/{slug}/questions/trygg-centrum";
        foreach (var format in Enum(Parameter(questionPath, "format"))) await Taken($"{question}?format={format}");
        await Refused($"{question}?format=xlsx", "format");
        foreach (var dialect in Enum(Parameter(questionPath, "dialect"))) await Taken($"{question}?format=csv&dialect={dialect}");
    }

    [Fact]
    public async Task Exports_are_described_as_files_and_answers_as_residents_send_them()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var ranking = document["paths"]!["/api/v1/staff/surveys/{slug}/ranking"]!["get"]!["responses"]!["200"]!["content"]!;
        ranking["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().EndWith("/RankingResponse");
        ranking["text/csv"]!["schema"]!["type"]!.GetValue<string>().Should().Be("string");
        ranking["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]!["schema"]!["format"]!.GetValue<string>().Should().Be("binary");
        document["paths"]!["/api/v1/staff/surveys/{slug}/questions/{code}"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"]!["schema"]!["type"]!
            .GetValue<string>().Should().Be("string");

        // {"trygg-centrum": "ja", "platser": ["torget"], "betyg": 4}, not the reader's {"shape": …, "values": […]}.
        var answer = document["components"]!["schemas"]!["ResponseAnswer"]!["properties"]!["answers"]!["additionalProperties"]!.AsObject();
        answer.Select(p => p.Key).Should().Equal("description");
        document["components"]!["schemas"]!.AsObject().Select(s => s.Key).Should().NotContain(["AnswerValue", "AnswerShape"]);
    }

    // Enums travel as names ("window": "open"): a schema that lists them without saying "string" makes generated clients
    // read them as numbers.
    [Fact]
    public async Task Every_enum_of_names_is_typed_as_a_string()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var enums = document["components"]!["schemas"]!.AsObject().Where(s => s.Value!["enum"] is not null).ToList();
        enums.Select(s => s.Key).Should().Contain("SurveyWindowState");
        enums.Should().OnlyContain(s => s.Value!["type"] != null && s.Value!["type"]!.ToJsonString().Contains("string"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Survey.sln"))) return dir.FullName;
        throw new InvalidOperationException("Survey.sln not found");
    }
}
