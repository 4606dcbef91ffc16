using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Survey.Store;

// Which surveys' reports may have changed since a moment, as PostgreSQL tells it (Schema/postgres/007_report_changes.sql):
// a counter per municipality and one for everything, raised on each notification. A reader takes Current before it reads
// and keeps its answer while the counters it took are unchanged. While nothing listens (at start, after the connection
// to PostgreSQL broke, or on the embedded store) Listening is false and no answer may be kept.
public sealed class ReportChanges
{
    private readonly Lock _writer = new();
    private Snapshot _current = new(0, ImmutableDictionary<string, long>.Empty, Listening: false);

    public Snapshot Current => Volatile.Read(ref _current);

    // Municipalities' SCB codes, or "*" for every report.
    public void Changed(IEnumerable<string> municipalities)
    {
        lock (_writer)
        {
            var now = _current;
            var counters = now.Municipalities;
            foreach (var code in municipalities)
            {
                if (code == "*") { _current = now with { Everything = now.Everything + 1 }; return; }
                counters = counters.SetItem(code, counters.GetValueOrDefault(code) + 1);
            }
            Volatile.Write(ref _current, now with { Municipalities = counters });
        }
    }

    // Listening or not; either way, everything read before is from before and is no longer kept.
    public void SetListening(bool listening)
    {
        lock (_writer) Volatile.Write(ref _current, _current with { Everything = _current.Everything + 1, Listening = listening });
    }

    public sealed record Snapshot(long Everything, ImmutableDictionary<string, long> Municipalities, bool Listening)
    {
        public long Of(string municipality) => Municipalities.GetValueOrDefault(municipality);
    }
}

// Listens on survey_report_changes and tells ReportChanges; reconnects after a break (a restart, a failover to the
// standby), counting everything as changed, since what was said while nobody listened is lost. Whenever the channel has
// been quiet for a few seconds it proves itself end to end: it sends a heartbeat the way the writers send their notices
// (on another connection of the pool) and must hear it on the listening one within a few seconds, or it counts itself
// deaf and reconnects. That finds a connection that died without a word (a network gone), a listener left on an old
// primary after a failover, and a pooler that does not pass notifications on.
public sealed class ReportChangeListener(NpgsqlDataSource db, IConfiguration configuration, ReportChanges changes, ILogger<ReportChangeListener> logger)
    : BackgroundService
{
    // The listening connection is its own, never the pool's: given back after a heartbeat went unheard, it would take the
    // next request to a server that no longer answers. TCP keepalives find a dead peer even when nothing is sent.
    private readonly NpgsqlDataSource _listening = new NpgsqlDataSourceBuilder(configuration.GetConnectionString("postgres"))
    {
        ConnectionStringBuilder = { Pooling = false, KeepAlive = 10 },
    }.Build();

    public const string Channel = "survey_report_changes";
    private const string HeartbeatPrefix = "heartbeat:";
    private static readonly TimeSpan QuietCheck = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(5);
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private long _beats;
    private string? _heard;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _listening.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    // Heartbeats (this instance's and other Staff APIs') change nothing.
                    if (e.Payload.StartsWith(HeartbeatPrefix, StringComparison.Ordinal)) Volatile.Write(ref _heard, e.Payload);
                    else changes.Changed(e.Payload.Split(',', StringSplitOptions.RemoveEmptyEntries));
                };
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                await HeartbeatAsync(connection, stoppingToken);
                changes.SetListening(true);
                delay = TimeSpan.FromMilliseconds(200);
                while (true)
                {
                    if (await connection.WaitAsync(QuietCheck, stoppingToken)) continue;
                    await HeartbeatAsync(connection, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                changes.SetListening(false);
                logger.LogWarning(e, "Not listening for changes to the reports; reading them from the store until listening again");
                try { await Task.Delay(delay, stoppingToken); } catch (OperationCanceledException) { break; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
        changes.SetListening(false);
    }

    public override void Dispose()
    {
        _listening.Dispose();
        base.Dispose();
    }

    // Sends a heartbeat on another connection and waits to hear it on the listening one; a TimeoutException when it is not.
    private async Task HeartbeatAsync(NpgsqlConnection listening, CancellationToken stoppingToken)
    {
        var beat = $"{HeartbeatPrefix}{_instance}:{Interlocked.Increment(ref _beats)}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(HeartbeatTimeout);
        try
        {
            await using (var other = await db.OpenConnectionAsync(timeout.Token))
            await using (var send = new NpgsqlCommand("select pg_notify(@channel, @beat)", other))
            {
                send.Parameters.AddWithValue("channel", Channel);
                send.Parameters.AddWithValue("beat", beat);
                await send.ExecuteNonQueryAsync(timeout.Token);
            }
            while (Volatile.Read(ref _heard) != beat) await listening.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The heartbeat on {Channel} was not heard within {HeartbeatTimeout.TotalSeconds:0} s.");
        }
    }
}
