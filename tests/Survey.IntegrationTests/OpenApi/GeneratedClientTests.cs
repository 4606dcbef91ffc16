using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Survey.IntegrationTests.Browser;

namespace Survey.IntegrationTests.OpenApi;

// The API description is only as good as a client made from it: Redocly lints the served document, NSwag (from npm, with its
// own .NET binaries) generates a C# client from it, Roslyn compiles that client with GeneratedClient/Driver.cs, and the
// driver calls the running host through it.
// It runs against the browser tests' embedded host (one process for both).
[Collection(BrowserCollection.Name)]
public sealed class GeneratedClientTests(BrowserSite site) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("survey-openapi-client-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private Task<string> DocumentAsync() => site.Api.GetStringAsync("openapi/v1.json");

    private static readonly string NodeModules = Path.Combine(Repository.Root, "tests", "Survey.IntegrationTests", "Browser", "node_modules");

    [Fact]
    public async Task Redocly_finds_no_error_and_no_warning_in_the_served_document()
    {
        var document = Save("openapi.json", await DocumentAsync());

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
        var client = await GenerateAsync(await DocumentAsync(), "client.cs");
        var (assembly, diagnostics) = Compile(client, File.ReadAllText(DriverPath));
        assembly.Should().NotBeNull(string.Join('\n', diagnostics));

        var slug = "client-" + Guid.NewGuid().ToString("N")[..8];
        var run = assembly!.GetType("Survey.GeneratedClient.Driver")!.GetMethod("RunAsync")!;
        var seen = await (Task<Dictionary<string, string>>)run.Invoke(null, [site.Api, slug])!;

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
        var document = JsonNode.Parse(await DocumentAsync())!;
        document["paths"]!["/api/v1/staff/surveys/{slug}/ranking"]!["get"]!["responses"]!["200"]!.AsObject().Remove("content");

        var client = await GenerateAsync(document.ToJsonString(), "broken-client.cs");
        var (assembly, diagnostics) = Compile(client, File.ReadAllText(DriverPath));

        assembly.Should().BeNull();
        diagnostics.Should().Contain(d => d.Contains("Driver.cs", StringComparison.Ordinal));
    }

    private static string DriverPath => Path.Combine(Repository.Root, "tests", "Survey.IntegrationTests", "OpenApi", "GeneratedClient", "Driver.cs");

    private string Save(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<string> GenerateAsync(string document, string name)
    {
        var input = Save(Path.ChangeExtension(name, ".json"), document);
        var output = Path.Combine(_folder, name);
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
