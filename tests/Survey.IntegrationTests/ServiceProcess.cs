using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Survey.IntegrationTests;

// One of the services, started from its build output as a separate process.
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public ServiceProcess(string name, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Port = FreePort();
        Environment = new Dictionary<string, string>(environment) { ["Urls"] = $"http://127.0.0.1:{Port}" };
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
    }

    public string Name { get; }
    public int Port { get; }
    public Uri BaseAddress { get; }
    public Dictionary<string, string> Environment { get; }

    public string RecentOutput => string.Join('\n', _output.TakeLast(60));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync(TimeSpan timeout)
    {
        var dll = Repository.BuildOutput(Name);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment) start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync(timeout);
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{RecentOutput}");
            try
            {
                if ((await http.GetAsync("health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not ready within {timeout}:\n{RecentOutput}");
    }

    // Ends the process at once, as a crash or an OOM kill would.
    public void Kill()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 500) _output.TryDequeue(out _);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}

public static class Repository
{
    public static string Root { get; } = FindRoot();

    // Debug or Release: whatever these tests were built as.
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name is var c && c is "Debug" or "Release" ? c : "Debug";

    public static string BuildOutput(string project)
    {
        var dll = Path.Combine(Root, "services", project, "bin", Configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{project} is not built: {dll}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Survey.sln"))) return dir.FullName;
        throw new InvalidOperationException("Survey.sln not found above " + AppContext.BaseDirectory);
    }
}
