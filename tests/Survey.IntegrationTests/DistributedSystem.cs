using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;

namespace Survey.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class DistributedCollection : ICollectionFixture<DistributedSystem>
{
    public const string Name = "distributed";
}

// Staff API, worker and Intake as three processes on a real RabbitMQ (a virtual host of this
// run's own) and a real PostgreSQL (a database of this run's own).
public sealed class DistributedSystem : IAsyncLifetime
{
    private readonly string _name = "survey_it_" + Guid.NewGuid().ToString("N")[..10];

    public ServiceProcess Ranking { get; private set; } = null!;
    public ServiceProcess Worker { get; private set; } = null!;
    public ServiceProcess Intake { get; private set; } = null!;
    public string RabbitMqUri { get; private set; } = null!;
    // The connection string of this run's database.
    public string Postgres { get; private set; } = null!;
    public string VirtualHost => _name;
    public HttpClient IntakeClient { get; private set; } = null!;
    public HttpClient RankingClient { get; private set; } = null!;

    // Where the three services export their spans (OTLP/HTTP). Only traces a request starts as sampled (a traceparent
    // ending in -01) are recorded: the other tests' load exports nothing.
    public OtlpReceiver Telemetry { get; } = new();

    public async Task InitializeAsync()
    {
        var postgres = Postgres = await Infrastructure.CreateDatabaseAsync(_name);
        RabbitMqUri = await Infrastructure.CreateVirtualHostAsync(_name);
        Telemetry.Start();
        var telemetry = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_TRACES_SAMPLER"] = "parentbased_always_off",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        var environment = new Dictionary<string, string>(telemetry)
        {
            ["ConnectionStrings__postgres"] = postgres,
            ["ConnectionStrings__rabbitmq"] = RabbitMqUri,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Auth__SigningKey"] = Infrastructure.StaffSigningKey,
        };
        // Intake's service key for the Staff API's /internal/v1, new for each run.
        var intakeKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        Ranking = new ServiceProcess("Survey.Staff.Api", new Dictionary<string, string>(environment) { ["InternalApi__IntakeKey"] = intakeKey });
        await Ranking.StartAsync(TimeSpan.FromSeconds(60));
        Worker = new ServiceProcess("Survey.Worker", environment);
        await Worker.StartAsync(TimeSpan.FromSeconds(60));
        // Intake gets no database connection string: it must not need one.
        Intake = new ServiceProcess("Survey.Intake.Api", new Dictionary<string, string>(telemetry)
        {
            ["ConnectionStrings__rabbitmq"] = RabbitMqUri,
            ["Intake__StaffApi"] = Ranking.BaseAddress.ToString(),
            ["Intake__StaffApiKey"] = intakeKey,
            // Every request of these tests comes from 127.0.0.1.
            ["Intake__ResponsesPerMinutePerClient"] = "100000",
            // Short, so the tests see Intake go back to the Staff API (and find it gone).
            ["Intake__DefinitionCacheTime"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await Intake.StartAsync(TimeSpan.FromSeconds(60));

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256 };
        IntakeClient = new HttpClient(handler) { BaseAddress = Intake.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        RankingClient = new HttpClient { BaseAddress = Ranking.BaseAddress };
        RankingClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Infrastructure.StaffToken());
    }


    // A browser's client on the Staff API's staff pages, signed in as a person is: the tests' token pasted on /staff/login.
    public async Task<HttpClient> StaffPagesAsync()
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Ranking.BaseAddress };
        var form = System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync("staff/login"),
            "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await browser.PostAsync("staff/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(form),
            ["token"] = Infrastructure.StaffToken(),
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        return browser;
    }

    public async Task DisposeAsync()
    {
        IntakeClient?.Dispose();
        RankingClient?.Dispose();
        foreach (var service in new[] { Intake, Worker, Ranking })
            if (service is not null) await service.DisposeAsync();
        await Infrastructure.DropDatabaseAsync(_name);
        await Infrastructure.DeleteVirtualHostAsync(_name);
        await Telemetry.DisposeAsync();
    }

    // slug: a survey the test has already sent responses for (by default a new one).
    public async Task<string> CreateSurveyAsync(IReadOnlyList<string> concerns, JsonArray? questions = null, string? slug = null)
    {
        slug ??= "it-" + Guid.NewGuid().ToString("N")[..10];
        var body = JsonSerializer.SerializeToNode(new
        {
            slug,
            municipalityCode = "2514",
            pledgePeriodStart = "2027-01-01",
            pledgePeriodEnd = "2027-12-31",
            opensAt = DateTimeOffset.UtcNow.AddDays(-1),
            closesAt = DateTimeOffset.UtcNow.AddDays(30),
            languages = new[] { "sv", "en", "fi" },
            areas = new[] { new { code = "centrum", label = "Centrum" }, new { code = "tore", label = "Töre" } },
            concerns,
            minimumCellSize = 1, // these tests read single answers back
        })!.AsObject();
        if (questions is not null) body["questions"] = questions;
        var response = await RankingClient.PostAsJsonAsync("api/v1/staff/surveys", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return slug;
    }

    public async Task<JsonNode> RankingAsync(string slug) =>
        JsonNode.Parse(await RankingClient.GetStringAsync($"api/v1/staff/surveys/{slug}/ranking"))!;

    public async Task<long> RespondentsAsync(string slug) => (await RankingAsync(slug))["respondents"]!.GetValue<long>();

    // Waits until the tally reaches expected respondents (or the time is up) and
    // returns the last count. A Staff API that cannot answer for a moment (its database restarting) is asked again.
    public async Task<long> WaitForRespondentsAsync(string slug, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long count = -1;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((count = await RespondentsAsync(slug)) >= expected) return count;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
            await Task.Delay(100);
        }
        return count;
    }

    // Messages ready or unacknowledged in a queue of this run's virtual host.
    public async Task<long> QueueDepthAsync(string queue) =>
        Infrastructure.QueueDepth(await Infrastructure.RabbitMqCtlAsync("list_queues", "-p", VirtualHost, "name", "messages"), queue);

    public Task WaitForEmptyQueueAsync(string queue, TimeSpan timeout) =>
        Infrastructure.WaitForEmptyQueueAsync(() => QueueDepthAsync(queue), queue, timeout, TimeSpan.FromMilliseconds(200));
}
