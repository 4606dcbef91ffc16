using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Survey.IntegrationTests.Cluster;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterSystem>
{
    public const string Name = "cluster";
}

// The scale-out layout of README's "Scaling out" on one machine: a Staff API, two Intake and two worker instances on
// the three-node RabbitMQ cluster (a virtual host of this run's own) and the PostgreSQL pair with its standby (a database
// of this run's own), all started by ./test.sh through deploy/rabbitmq-cluster.sh and deploy/postgres-standby.sh.
public sealed class ClusterSystem : IAsyncLifetime
{
    public const string TallyQueue = "tally-survey-response";
    public const string ErrorQueue = "tally-survey-response_error";

    private readonly string _name = "survey_cl_" + Guid.NewGuid().ToString("N")[..10];
    private IReadOnlyList<(int Number, string Node, string Address)> _nodes = [];

    public ServiceProcess Ranking { get; private set; } = null!;
    public IReadOnlyList<ServiceProcess> Intakes { get; private set; } = [];
    public IReadOnlyList<ServiceProcess> Workers { get; private set; } = [];
    public IReadOnlyList<HttpClient> IntakeClients { get; private set; } = [];
    public HttpClient RankingClient { get; private set; } = null!;
    public string VirtualHost => _name;
    public string Database => _name;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: the processes started so far must not outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        await RequireRunningAsync("rabbitmq-cluster.sh");
        await RequireRunningAsync("postgres-standby.sh");
        _nodes = [.. (await ScriptAsync("rabbitmq-cluster.sh", "nodes")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t')).Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1], p[2]))];

        var admin = (await ScriptAsync("postgres-standby.sh", "connection")).Trim();
        await using (var db = NpgsqlDataSource.Create(admin))
        await using (var create = db.CreateCommand($"create database \"{_name}\""))
            await create.ExecuteNonQueryAsync();
        var postgres = new NpgsqlConnectionStringBuilder(admin) { Database = _name, MaxPoolSize = 20 }.ToString();

        await CtlAsync("add_vhost", _name);
        await CtlAsync("set_permissions", "-p", _name, "guest", ".*", ".*", ".*");

        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = postgres,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Auth__SigningKey"] = Infrastructure.StaffSigningKey,
        };
        var intakeKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Ranking = new ServiceProcess("Survey.Staff.Api", With(common, Broker(0), ("InternalApi__IntakeKey", intakeKey)));
        await Ranking.StartAsync(TimeSpan.FromSeconds(90));
        // Instance i names node i+1 first, so their connections spread over the cluster as a real deployment's would.
        Workers = [.. Enumerable.Range(0, 2).Select(i => new ServiceProcess("Survey.Worker", With(common, Broker(i))))];
        foreach (var worker in Workers) await worker.StartAsync(TimeSpan.FromSeconds(90));
        Intakes = [.. Enumerable.Range(0, 2).Select(i => new ServiceProcess("Survey.Intake.Api", With(Broker(i),
            ("Intake__StaffApi", Ranking.BaseAddress.ToString()),
            ("Intake__StaffApiKey", intakeKey),
            ("Intake__ResponsesPerMinutePerClient", "1000000"),
            ("Logging__LogLevel__Default", "Warning"))))];
        foreach (var intake in Intakes) await intake.StartAsync(TimeSpan.FromSeconds(90));

        IntakeClients = [.. Intakes.Select(intake => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = intake.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        })];
        RankingClient = new HttpClient { BaseAddress = Ranking.BaseAddress };
        RankingClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Infrastructure.StaffToken());
    }

    // ConnectionStrings:rabbitmq names the node tried first; RabbitMq:Nodes the others.
    private Dictionary<string, string> Broker(int first)
    {
        var order = Enumerable.Range(0, _nodes.Count).Select(k => _nodes[(first + k) % _nodes.Count]).ToList();
        return new Dictionary<string, string>
        {
            ["ConnectionStrings__rabbitmq"] = $"amqp://guest:guest@{order[0].Address}/{Uri.EscapeDataString(_name)}",
            ["RabbitMq__Nodes"] = string.Join(',', order.Skip(1).Select(n => n.Address)),
        };
    }

    private static Dictionary<string, string> With(Dictionary<string, string> first, Dictionary<string, string> second, params (string Key, string Value)[] more)
    {
        var all = new Dictionary<string, string>(first);
        foreach (var (key, value) in second) all[key] = value;
        foreach (var (key, value) in more) all[key] = value;
        return all;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> first, params (string Key, string Value)[] more) => With(first, [], more);


    public async Task DisposeAsync()
    {
        foreach (var client in IntakeClients) client.Dispose();
        RankingClient?.Dispose();
        foreach (var service in Intakes.Concat(Workers).Append(Ranking))
            if (service is not null) await service.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            var admin = (await ScriptAsync("postgres-standby.sh", "connection")).Trim();
            await using var db = NpgsqlDataSource.Create(admin);
            await using var drop = db.CreateCommand($"drop database if exists \"{_name}\" with (force)");
            await drop.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A pair a test left broken is rebuilt by the next start; its databases go with it.
        }
        if (_nodes.Count > 0) await CtlAsync("delete_vhost", _name);
    }

    public async Task<string> CreateSurveyAsync()
    {
        var slug = "cl-" + Guid.NewGuid().ToString("N")[..10];
        var body = JsonSerializer.SerializeToNode(new
        {
            slug,
            municipalityCode = "2514",
            pledgePeriodStart = "2027-01-01",
            pledgePeriodEnd = "2027-12-31",
            opensAt = DateTimeOffset.UtcNow.AddDays(-1),
            closesAt = DateTimeOffset.UtcNow.AddDays(30),
            languages = new[] { "sv" },
            areas = new[] { new { code = "centrum", label = "Centrum" }, new { code = "tore", label = "Töre" } },
            concerns = GeneratedResponses.Concerns,
            minimumCellSize = 1,
        });
        var response = await RankingClient.PostAsJsonAsync("api/v1/staff/surveys", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        // Both Intakes read the survey now, as they have for any survey residents are answering.
        foreach (var intake in IntakeClients)
            (await intake.GetAsync($"api/v1/public/surveys/{slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
        return slug;
    }

    public async Task<JsonNode> RankingAsync(string slug) =>
        JsonNode.Parse(await RankingClient.GetStringAsync($"api/v1/staff/surveys/{slug}/ranking"))!;

    // The tally's respondents once they reach expected (or the time is up); a Staff API whose database is away is asked again.
    public async Task<long> WaitForRespondentsAsync(string slug, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long count = -1;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((count = (await RankingAsync(slug))["respondents"]!.GetValue<long>()) >= expected) return count;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        return count;
    }

    // Messages ready or unacknowledged in a queue of this run's virtual host (0 when it does not exist), asked of a node that is up.
    public async Task<long> QueueDepthAsync(string queue) =>
        Infrastructure.QueueDepth(await CtlAsync("list_queues", "-p", VirtualHost, "name", "messages"), queue);

    public Task WaitForEmptyQueueAsync(string queue, TimeSpan timeout) =>
        Infrastructure.WaitForEmptyQueueAsync(() => QueueDepthAsync(queue), queue, timeout, TimeSpan.FromMilliseconds(500));

    // The queue's replicas (node names) and its leader, as RabbitMQ reports them.
    public async Task<(IReadOnlyList<string> Members, string Leader)> QueueReplicasAsync(string queue)
    {
        foreach (var line in (await CtlAsync("list_queues", "-p", VirtualHost, "name", "type", "members", "leader")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 4 && parts[0] == queue)
                return ([.. parts[2].Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => m.Trim('\''))], parts[3]);
        }
        throw new InvalidOperationException($"{queue} is not declared in {VirtualHost}.");
    }

    // The number (1..3) of the node that leads the queue now.
    public async Task<int> LeaderOfAsync(string queue)
    {
        var leader = (await ScriptAsync("rabbitmq-cluster.sh", "leader", VirtualHost, queue)).Trim();
        return _nodes.Single(n => n.Node == leader).Number;
    }

    public Task KillNodeAsync(int number) => ScriptAsync("rabbitmq-cluster.sh", "kill", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public Task RestartNodeAsync(int number) => ScriptAsync("rabbitmq-cluster.sh", "restart", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public Task<string> PostgresAsync(params string[] args) => ScriptAsync("postgres-standby.sh", args);

    // rabbitmqctl on the first node that answers: the one a test killed does not.
    public async Task<string> CtlAsync(params string[] args)
    {
        Exception? last = null;
        foreach (var node in _nodes)
        {
            try
            {
                return await RunAsync("rabbitmqctl", ["-q", "-n", node.Node, .. args]);
            }
            catch (InvalidOperationException e)
            {
                last = e;
            }
        }
        throw last ?? new InvalidOperationException("No RabbitMQ cluster node is known.");
    }

    private static async Task RequireRunningAsync(string script)
    {
        try
        {
            await ScriptAsync(script, "status");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                $"deploy/{script} reports it is not running. Run the tests with ./test.sh, which starts the RabbitMQ cluster and the PostgreSQL pair.", e);
        }
    }

    private static Task<string> ScriptAsync(string script, params string[] args) => RunAsync(Path.Combine(Repository.Root, "deploy", script), args);

    private static async Task<string> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        return await output;
    }
}
