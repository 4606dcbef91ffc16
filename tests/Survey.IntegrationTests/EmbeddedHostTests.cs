using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Survey.IntegrationTests;

// The embedded default, started exactly as the README says (plus a free port and a fresh data folder).
public sealed class EmbeddedHostTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("survey-embedded-").FullName;
    private readonly int _port = ServiceProcess.FreePort();
    private Process _process = null!;
    private readonly StringBuilder _output = new();
    private HttpClient _client = null!;
    private int _blocks;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet",
            ["run", "--project", "services/Survey.AllInOne", "--no-build", "-c", Repository.Configuration, "--",
             "--urls", $"http://127.0.0.1:{_port}", "--Storage:DataDirectory", _data,
             "--Intake:ResponsesPerMinutePerClient", "100000"])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A new user's machine has no connection strings set: the host must use its own SQLite file.
        start.Environment.Remove("ConnectionStrings__postgres");
        start.Environment.Remove("ConnectionStrings__rabbitmq");
        var printed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            // Both blocks are printed once the host has started: the addresses, and the development token.
            if (e.Data.Contains("/swagger")) Interlocked.Increment(ref _blocks);
            if (e.Data.Contains("Use it as:")) Interlocked.Increment(ref _blocks);
            if (Volatile.Read(ref _blocks) == 2) printed.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var finished = await Task.WhenAny(printed.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (finished != printed.Task)
            throw new InvalidOperationException($"The embedded host did not print its URLs:\n{_output}");
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri($"http://127.0.0.1:{_port}/") };
        // The ready-made development token the host printed and wrote, as a new user would use it.
        _client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await File.ReadAllTextAsync(Path.Combine(_data, "dev-token.txt"))).Trim());
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Prints_its_urls_and_a_posted_response_is_in_the_ranking()
    {
        string output;
        lock (_output) output = _output.ToString();
        output.Should().Contain($"http://127.0.0.1:{_port}/api/v1/staff/surveys/demo/ranking").And.Contain(_data)
            .And.Contain("Staff token").And.Contain((await File.ReadAllTextAsync(Path.Combine(_data, "dev-token.txt"))).Trim());
        (await new HttpClient().GetAsync($"http://127.0.0.1:{_port}/api/v1/staff/surveys/demo/ranking")).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "staff data needs the token");

        // Five answers (the demo's floor): all name trafik, one also våld i nära relation.
        for (var i = 0; i < 5; i++)
        {
            var response = await _client.PostAsJsonAsync("api/v1/public/surveys/demo/responses", i == 0
                ? new { concerns = new[] { "vald-i-nara-relation", "trafik" }, priorities = new[] { "vald-i-nara-relation" }, area = "tore" }
                : new { concerns = new[] { "trafik" }, priorities = new[] { "trafik" }, area = "tore" });
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var ranking = JsonNode.Parse(await _client.GetStringAsync("api/v1/staff/surveys/demo/ranking"))!;
        ranking["respondents"]!.GetValue<long>().Should().Be(5);
        var concerns = ranking["concerns"]!.AsArray();
        concerns[0]!["code"]!.GetValue<string>().Should().Be("trafik");
        concerns[0]!["count"]!.GetValue<long>().Should().Be(5);
        // One person named våld i nära relation (and gave it 3 points): counted, and shown to nobody.
        var violence = concerns.Single(c => c!["code"]!.GetValue<string>() == "vald-i-nara-relation")!;
        violence["suppressed"]!.GetValue<bool>().Should().BeTrue();
        violence["count"].Should().BeNull();
        violence["priorityPoints"].Should().BeNull();
        ranking["focusAreas"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).Should().Equal("trafik");
        File.Exists(Path.Combine(_data, "survey.db")).Should().BeTrue(output);
    }

    [Fact]
    public async Task Thousand_concurrent_responses_are_each_counted_once()
    {
        var responses = new GeneratedResponses(1000, seed: 2132);
        var demo = JsonNode.Parse(await _client.GetStringAsync("api/v1/public/surveys/demo"))!;
        demo["window"]!.GetValue<string>().Should().Be("open");
        var before = JsonNode.Parse(await _client.GetStringAsync("api/v1/staff/surveys/demo/ranking"))!["respondents"]!.GetValue<long>();
        before.Should().Be(0);

        var clock = Stopwatch.StartNew();
        var statuses = await responses.PostAllAsync(_client, "demo", parallelism: 64);
        var elapsed = clock.Elapsed;
        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.Accepted));

        // Embedded, 202 means committed: no waiting for a worker.
        var ranking = JsonNode.Parse(await _client.GetStringAsync("api/v1/staff/surveys/demo/ranking"))!;
        responses.AssertRanking(ranking);
        Measurements.Record($"embedded: 1000 responses, 64 in flight: all 202 and all tallied after {elapsed.TotalSeconds:F2} s ({1000 / elapsed.TotalSeconds:F0}/s)");
    }
}
