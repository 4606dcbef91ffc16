using System.Collections.Immutable;
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
// standby), counting everything as changed, since what was said while nobody listened is lost.
public sealed class ReportChangeListener(NpgsqlDataSource db, ReportChanges changes, ILogger<ReportChangeListener> logger) : BackgroundService
{
    public const string Channel = "survey_report_changes";
    private static readonly TimeSpan QuietCheck = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => changes.Changed(e.Payload.Split(',', StringSplitOptions.RemoveEmptyEntries));
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                changes.SetListening(true);
                delay = TimeSpan.FromMilliseconds(200);
                // A connection that died without a word (a network gone, not a server stopped) is found by asking it something
                // when it has been quiet for a while.
                while (true)
                {
                    if (await connection.WaitAsync(QuietCheck, stoppingToken)) continue;
                    await using var ping = new NpgsqlCommand("select 1", connection);
                    await ping.ExecuteScalarAsync(stoppingToken);
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
}
