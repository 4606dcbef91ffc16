extern alias StaffApi;

using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.UnitTests.Hosts;

// The Staff API on its own, as deployed in distributed mode, on a SQLite file in a temporary folder.
public class StaffApiFactory : WebApplicationFactory<StaffApi::Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("survey-ranking-tests-").FullName;

    // InternalApi:IntakeKey, random for each host; null: not configured.
    public string? IntakeKey { get; init; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Auth:SigningKey", EmbeddedHostFactory.SigningKey);
        builder.UseSetting("ConnectionStrings:postgres", "");
        // The Staff API publishes dialogues; no broker listens here, and none of these tests needs one.
        builder.UseSetting("ConnectionStrings:rabbitmq", "amqp://guest:guest@127.0.0.1:1/");
        if (IntakeKey is not null) builder.UseSetting("InternalApi:IntakeKey", IntakeKey);
    }

    // A staff token with these roles and municipalities ("*": all).
    public string Token(string[] roles, string[] municipalities) =>
        Services.GetRequiredService<Survey.Staff.Access.StaffTokens>().Create(roles, municipalities, TimeSpan.FromHours(1), "unit-test");

    // A client with nothing to show for itself; each test adds what the caller it plays would send.
    public HttpClient Anonymous() => CreateClient();

    public HttpClient Admin()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token(["admin", "analyst", "comms"], ["*"]));
        return client;
    }

    public HttpClient Intake(string? key = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Service-Key", key ?? IntakeKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

// A Staff API whose operator has not set InternalApi:IntakeKey.
public sealed class StaffApiWithoutIntakeKey : StaffApiFactory
{
    public StaffApiWithoutIntakeKey() => IntakeKey = null;
}
