using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Survey.IntegrationTests.Browser;

// npm's oidc-provider (a certified OpenID Connect implementation) as a process on a free port, from
// Oidc/provider.mjs: one confidential client for the host under test (code flow, PKCE required), a
// client-credentials client for setting up data through the staff API, and accounts with
// role=analyst and municipality=2514. Every request and protocol event it logs is kept for the tests.
public sealed class OidcProvider(Uri hostUnderTest) : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public int Port { get; } = ServiceProcess.FreePort();
    public string Issuer => $"http://127.0.0.1:{Port}";
    public string ClientId => "medborgarlofte-staff";
    public string ClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private string SetupSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    // The JSON lines the provider wrote: {"event":"authorization",…}, {"event":"request",…} …
    public IReadOnlyList<JsonObject> Events =>
        _output.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    public string RecentOutput => string.Join('\n', _output.TakeLast(60));

    public async Task StartAsync(TimeSpan timeout)
    {
        var folder = Path.Combine(Repository.Root, "tests", "Survey.IntegrationTests", "Browser");
        if (!File.Exists(Path.Combine(folder, "node_modules", "oidc-provider", "package.json")))
            throw new InvalidOperationException("oidc-provider is not installed. Run deploy/browser.sh (./test.sh does), which installs it from npm.");
        var start = new ProcessStartInfo("node", [Path.Combine(folder, "Oidc", "provider.mjs")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OIDC_HOST_URL"] = hostUnderTest.ToString().TrimEnd('/');
        start.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        start.Environment["OIDC_SETUP_SECRET"] = SetupSecret;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            if (e.Data.Contains("\"event\":\"listening\"", StringComparison.Ordinal)) listening.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await Task.WhenAny(listening.Task, _process.WaitForExitAsync(), Task.Delay(timeout)) != listening.Task)
            throw new InvalidOperationException($"The OpenID Connect provider did not start:\n{RecentOutput}");
    }

    // An access token for the staff API (admin, every municipality), signed by the provider: client credentials of the setup client.
    public async Task<string> SetupTokenAsync()
    {
        using var http = new HttpClient();
        var response = await http.PostAsync($"{Issuer}/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "setup",
            ["client_secret"] = SetupSecret,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
