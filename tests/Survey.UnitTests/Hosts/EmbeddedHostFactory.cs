using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.UnitTests.Hosts;

// The all-in-one host in memory: real mediator, real SQLite file in a temporary folder.
public class EmbeddedHostFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; init; } = Directory.CreateTempSubdirectory("survey-tests-").FullName;

    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    // All requests in these tests come from one address.
    public int ResponsesPerMinutePerClient { get; init; } = 100_000;

    // No Auth:SigningKey: the host makes its development key in the data folder, as a developer's does.
    public bool DevelopmentKey { get; init; }

    // The client address every request has (the test server gives none).
    public IPAddress? RemoteAddress { get; init; }

    // More settings, as a deployment would give them (e.g. ForwardedHeaders:KnownProxies).
    public Dictionary<string, string> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, not ConfigureAppConfiguration: the modules read these while the builder is still being set up.
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        if (!DevelopmentKey) builder.UseSetting("Auth:SigningKey", SigningKey);
        // Whatever the environment says (./test.sh exports a PostgreSQL connection), these tests use SQLite.
        builder.UseSetting("ConnectionStrings:postgres", "");
        builder.UseSetting("Intake:PublishAttemptTimeout", "00:00:00.500");
        builder.UseSetting("Intake:ResponsesPerMinutePerClient", ResponsesPerMinutePerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (RemoteAddress is { } address)
            builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddressFilter(address)));
        if (ConfigureTestServices is not null) builder.ConfigureTestServices(ConfigureTestServices);
    }

    public const string SigningKey = "unit-tests-signing-key-0123456789abcdef";

    // A staff token with these roles and municipalities ("*": all).
    public string Token(string[] roles, string[] municipalities, TimeSpan? lifetime = null) =>
        Services.GetRequiredService<Survey.Staff.Access.StaffTokens>().Create(roles, municipalities, lifetime ?? TimeSpan.FromHours(1), "unit-test");

    // Clients made by the tests carry a token with every role for every municipality, unless a test sets its own.
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        // With an OpenID Connect provider, tokens come from there, not from this host.
        if (Settings.ContainsKey("Auth:Authority")) return;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            Token(["admin", "analyst", "comms"], ["*"]));
    }

    // One value straight from the embedded SQLite file, to check what is (and is not) stored.
    public object? QueryScalar(string sql, string parameter)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataDirectory, "survey.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", parameter);
        return command.ExecuteScalar();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    private sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
