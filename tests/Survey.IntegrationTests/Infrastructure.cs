using System.Diagnostics;
using Npgsql;

namespace Survey.IntegrationTests;

// The real servers ./test.sh starts. Missing ones fail the tests with what to do; they never skip.
public static class Infrastructure
{
    public static string RabbitMqUri => Required("ConnectionStrings__rabbitmq");
    public static string PostgresAdmin => Required("ConnectionStrings__postgres");

    private static string Required(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./test.sh, which starts RabbitMQ and PostgreSQL (deploy/) and sets it.");

    // The key the Staff APIs these tests start are given, and a token for every role and municipality signed with it.
    public const string StaffSigningKey = "integration-tests-signing-key-0123456789";

    public static string StaffToken() =>
        new Survey.Staff.Access.StaffTokens(
                Microsoft.Extensions.Options.Options.Create(new Survey.Staff.Access.StaffAuthOptions { SigningKey = StaffSigningKey }),
                new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<Survey.Staff.Access.StaffTokens>.Instance)
            .Create(["admin", "analyst", "comms"], ["*"], TimeSpan.FromHours(2), "integration-tests");

    // Messages ready or unacknowledged in a queue, from `rabbitmqctl list_queues … name messages` (0 when it is not listed).
    public static long QueueDepth(string listQueuesOutput, string queue)
    {
        foreach (var line in listQueuesOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && parts[0] == queue && long.TryParse(parts[1], out var n)) return n;
        }
        return 0;
    }

    // Until the queue is empty, asking depth every poll; a TimeoutException after timeout.
    public static async Task WaitForEmptyQueueAsync(Func<Task<long>> depth, string queue, TimeSpan timeout, TimeSpan poll)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await depth() > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{queue} still has messages after {timeout}.");
            await Task.Delay(poll);
        }
    }

    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using var admin = NpgsqlDataSource.Create(PostgresAdmin);
        await using var command = admin.CreateCommand($"create database \"{name}\"");
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, MaxPoolSize = 20 }.ToString();
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(PostgresAdmin);
        await using var command = admin.CreateCommand($"drop database if exists \"{name}\" with (force)");
        await command.ExecuteNonQueryAsync();
    }

    // A virtual host of its own, so no queue or message of another run can interfere.
    public static async Task<string> CreateVirtualHostAsync(string name)
    {
        await RabbitMqCtlAsync("add_vhost", name);
        await RabbitMqCtlAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        var uri = new UriBuilder(RabbitMqUri) { Path = "/" + Uri.EscapeDataString(name) };
        return uri.Uri.ToString();
    }

    public static Task DeleteVirtualHostAsync(string name) => RabbitMqCtlAsync("delete_vhost", name);

    // deploy/postgres.sh start|stop, the script ./test.sh started the server with.
    public static Task<string> PostgresAsync(string command) => RunAsync(Path.Combine(Repository.Root, "deploy", "postgres.sh"), command);

    public static Task<string> RabbitMqCtlAsync(params string[] args) => RunAsync("rabbitmqctl", ["-q", .. args]);

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error}{output}");
        return output;
    }
}
