extern alias StaffApi;

using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.UnitTests.Hosts;

/// <summary>The Staff API on its own, as deployed in distributed mode, on a SQLite file in a temporary folder.</summary>
public class StaffApiFactory : WebApplicationFactory<StaffApi::Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("survey-ranking-tests-").FullName;

    /// <summary>InternalApi:IntakeKey, random for each host; null: not configured.</summary>
    public string? IntakeKey { get; init; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Auth:SigningKey", EmbeddedHostFactory.SigningKey);
        builder.UseSetting("ConnectionStrings:postgres", "");
        if (IntakeKey is not null) builder.UseSetting("InternalApi:IntakeKey", IntakeKey);
    }

    /// <summary>A staff token with these roles and municipalities ("*": all).</summary>
    public string Token(string[] roles, string[] municipalities) =>
        Services.GetRequiredService<Survey.Staff.Access.StaffTokens>().Create(roles, municipalities, TimeSpan.FromHours(1), "unit-test");

    /// <summary>A client with nothing to show for itself; each test adds what the caller it plays would send.</summary>
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

/// <summary>A Staff API whose operator has not set InternalApi:IntakeKey.</summary>
public sealed class StaffApiWithoutIntakeKey : StaffApiFactory
{
    public StaffApiWithoutIntakeKey() => IntakeKey = null;
}
