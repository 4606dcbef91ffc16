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
