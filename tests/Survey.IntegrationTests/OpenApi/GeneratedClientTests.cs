using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Survey.IntegrationTests.OpenApi;

// The embedded host as a process, and the OpenAPI document it serves.
public sealed class ApiHost : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("survey-openapi-").FullName;

    public ServiceProcess Host { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public string Document { get; private set; } = "";
    public string Folder { get; } = Directory.CreateTempSubdirectory("survey-openapi-client-").FullName;

    public async Task InitializeAsync()
    {
        Host = new ServiceProcess("Survey.AllInOne", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = "",
            ["ConnectionStrings__rabbitmq"] = "",
            ["Storage__DataDirectory"] = _data,
            ["Intake__ResponsesPerMinutePerClient"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await Host.StartAsync(TimeSpan.FromSeconds(60));
        Api = new HttpClient { BaseAddress = Host.BaseAddress };
        Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await File.ReadAllTextAsync(Path.Combine(_data, "dev-token.txt"))).Trim());
        Document = await Api.GetStringAsync("openapi/v1.json");
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        foreach (var folder in new[] { _data, Folder })
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

// The API description is only as good as a client made from it: Redocly lints the served document, NSwag (from npm, with its
// own .NET binaries) generates a C# client from it, Roslyn compiles that client with GeneratedClient/Driver.cs, and the
// driver calls the running host through it.
public class GeneratedClientTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string NodeModules = Path.Combine(Repository.Root, "tests", "Survey.IntegrationTests", "Browser", "node_modules");

    [Fact]
    public async Task Redocly_finds_no_error_and_no_warning_in_the_served_document()
    {
        var document = Save("openapi.json", host.Document);

        var (exit, output, errors) = await NodeAsync(Path.Combine(NodeModules, "@redocly", "cli", "bin", "cli.js"), "lint", document, "--format=json");

        var result = JsonNode.Parse(output)!;
        var problems = string.Join('\n', result["problems"]!.AsArray().Select(p => $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}"));
        result["totals"]!["errors"]!.GetValue<int>().Should().Be(0, problems);
        result["totals"]!["warnings"]!.GetValue<int>().Should().Be(0, problems);
        exit.Should().Be(0, errors);
    }

    [Fact]
    public async Task A_client_generated_from_the_served_document_creates_a_survey_submits_an_answer_and_reads_the_ranking()
    {
        var client = await GenerateAsync(host.Document, "client.cs");
        var (assembly, diagnostics) = Compile(client, File.ReadAllText(DriverPath));
        assembly.Should().NotBeNull(string.Join('\n', diagnostics));

        var slug = "client-" + Guid.NewGuid().ToString("N")[..8];
        var run = assembly!.GetType("Survey.GeneratedClient.Driver")!.GetMethod("RunAsync")!;
        var seen = await (Task<Dictionary<string, string>>)run.Invoke(null, [host.Api, slug])!;

        seen.Should().Contain(new Dictionary<string, string>
        {
            ["created.slug"] = slug,
            ["created.contact"] = "tillganglighet@kalix.se",
            ["published.questions"] = "trygg-centrum",
            ["ranking.respondents"] = "1",
            ["ranking.trafik.count"] = "1",
            ["byArea.tore.respondents"] = "1",
            ["byQuestion.by"] = "trygg-centrum",
            ["byQuestion.nej.respondents"] = "1",
            ["question.nej.count"] = "1",
            ["refused"] = "400 by",
        });
        seen["ranking.order"].Should().StartWith("trafik,narkotika", "trafik was the first priority");
        Guid.TryParse(seen["receipt.responseId"], out _).Should().BeTrue();
    }

    // The harness itself: were the ranking's response schema lost from the document, the client it gives would return
    // nothing from GetRanking, and the driver would not compile against it.
    [Fact]
    public async Task A_document_that_loses_the_rankings_response_schema_gives_a_client_the_driver_does_not_compile_against()
    {
        var document = JsonNode.Parse(host.Document)!;
        document["paths"]!["/api/v1/staff/surveys/{slug}/ranking"]!["get"]!["responses"]!["200"]!.AsObject().Remove("content");

        var client = await GenerateAsync(document.ToJsonString(), "broken-client.cs");
        var (assembly, diagnostics) = Compile(client, File.ReadAllText(DriverPath));

        assembly.Should().BeNull();
        diagnostics.Should().Contain(d => d.Contains("Driver.cs", StringComparison.Ordinal));
    }

    private static string DriverPath => Path.Combine(Repository.Root, "tests", "Survey.IntegrationTests", "OpenApi", "GeneratedClient", "Driver.cs");

    private string Save(string name, string text)
    {
        var path = Path.Combine(host.Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<string> GenerateAsync(string document, string name)
    {
        var input = Save(Path.ChangeExtension(name, ".json"), document);
        var output = Path.Combine(host.Folder, name);
        var (exit, stdout, stderr) = await NodeAsync(Path.Combine(NodeModules, "nswag", "bin", "nswag.js"), "openapi2csclient",
            $"/input:{input}", $"/output:{output}", "/namespace:Survey.GeneratedClient", "/className:SurveyApiClient",
            "/runtime:Net100", "/jsonLibrary:SystemTextJson", "/generateClientInterfaces:false");
        exit.Should().Be(0, stdout + stderr);
        return await File.ReadAllTextAsync(output);
    }

    private static (Assembly? Assembly, List<string> Errors) Compile(string client, string driver)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "mscorlib.dll" or "netstandard.dll"))
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Survey.GeneratedClient",
            [CSharpSyntaxTree.ParseText(client, parse, "Client.cs"), CSharpSyntaxTree.ParseText(driver, parse, "Driver.cs")],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        if (!emitted.Success) return (null, errors);
        image.Position = 0;
        return (new AssemblyLoadContext("generated-client-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(image), errors);
    }

    private static async Task<(int Exit, string Output, string Errors)> NodeAsync(string script, params string[] arguments)
    {
        if (!File.Exists(script))
            throw new InvalidOperationException($"{script} is missing. Run deploy/browser.sh (./test.sh does), which installs it from npm.");
        var start = new ProcessStartInfo("node", [script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No update check and no usage report: the test machine reaches package registries only.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
