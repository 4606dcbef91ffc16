using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Survey.Contracts;
using Survey.Domain.CrimeStatistics;
using Survey.Domain.Surveys;
using Survey.Store;

namespace Survey.IntegrationTests;

// The Staff API keeps a report's inputs until PostgreSQL says that something it reads has changed
// (Schema/postgres/007_report_changes.sql, ReportChanges, SurveyReports). These tests hold PostgreSQL to saying it for
// every write a report reads, and the Staff API to hearing it, also from writers other than itself and after its
// connection for listening broke.
[Collection(DistributedCollection.Name)]
public class ReportChangesTests(DistributedSystem system)
{
    private static SurveyDefinition Survey(string slug, string municipality) => new()
    {
        Slug = slug,
        MunicipalityCode = municipality,
        PledgePeriodStart = new DateOnly(2027, 1, 1),
        PledgePeriodEnd = new DateOnly(2027, 12, 31),
        OpensAt = DateTimeOffset.UtcNow.AddDays(-1),
        ClosesAt = DateTimeOffset.UtcNow.AddDays(30),
        Languages = ["sv"],
        Areas = [],
        Concerns = ["narkotika", "trafik"],
    };

    private static SurveyResponseSubmitted Answer(string slug, string municipality, Guid? id = null) => new()
    {
        ResponseId = id ?? Guid.NewGuid(),
        SurveySlug = slug,
        MunicipalityCode = municipality,
        ReceivedAt = DateTimeOffset.UtcNow,
        Concerns = ["trafik"],
    };

    [Fact]
    public async Task PostgreSQL_names_the_municipalities_whose_reports_a_committed_write_changed()
    {
        var name = "survey_rc_" + Guid.NewGuid().ToString("N")[..10];
        var postgres = await Infrastructure.CreateDatabaseAsync(name);
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration["ConnectionStrings:postgres"] = postgres;
            builder.Logging.ClearProviders();
            builder.AddSurveyStore();
            using var host = builder.Build();
            await host.StartAsync(); // applies the schema
            var surveys = host.Services.GetRequiredService<ISurveyStore>();
            var responses = host.Services.GetRequiredService<IResponseStore>();
            var ct = CancellationToken.None;

            await using var listener = new NpgsqlConnection(postgres);
            await listener.OpenAsync();
            var heard = new ConcurrentQueue<string>();
            listener.Notification += (_, e) => heard.Enqueue(e.Payload);
            await using (var listen = new NpgsqlCommand($"listen {ReportChangeListener.Channel}", listener)) await listen.ExecuteNonQueryAsync();

            // What is heard within a short while after a write (a notice comes when the write commits).
            async Task<List<string>> HeardAsync()
            {
                var deadline = DateTime.UtcNow.AddMilliseconds(500);
                while (DateTime.UtcNow < deadline) await listener.WaitAsync(TimeSpan.FromMilliseconds(50));
                var all = new List<string>();
                while (heard.TryDequeue(out var payload)) all.Add(payload);
                return all;
            }

            await surveys.CreateAsync(Survey("rc-kalix", "2514"), ct);
            (await HeardAsync()).Should().Equal(["2514"], "a new survey can be another's previous one");
            await surveys.CreateAsync(Survey("rc-lulea", "2580"), ct);
            (await HeardAsync()).Should().Equal(["2580"]);

            var once = Guid.NewGuid();
            await responses.RecordAsync([Answer("rc-kalix", "2514", once), Answer("rc-kalix", "2514"), Answer("rc-lulea", "2580")], ct);
            (await HeardAsync()).Should().Equal(["2514,2580"], "one batch, one notice naming both municipalities");
            await responses.RecordAsync([Answer("rc-kalix", "2514", once)], ct);
            (await HeardAsync()).Should().BeEmpty("an answer counted before changes no tally");

            await host.Services.GetRequiredService<IDialogueStore>().RecordAsync(new DialogueRecorded
            {
                DialogueId = Guid.NewGuid(), SurveySlug = "rc-lulea", Type = "medborgardialog", Date = new DateOnly(2026, 10, 1),
                Participants = 12, Concerns = new Dictionary<string, int> { ["trafik"] = 4 }, RecordedAt = DateTimeOffset.UtcNow,
            }, ct);
            (await HeardAsync()).Should().Equal(["2580"]);

            await host.Services.GetRequiredService<ICrimeStatisticsStore>().ImportAsync(
                [new ReportedOffences(ReportedOffences.National, 2025, "Rattfylleri", 12000, 115.2)], DateTimeOffset.UtcNow, ct);
            (await HeardAsync()).Should().Equal(["*"], "every report compares with the country's figures");

            // Moved to another municipality (a mistake corrected): both municipalities' reports changed.
            await surveys.UpdateAsync(Survey("rc-kalix", "2505"), ct);
            (await HeardAsync()).Should().Equal(["2514,2505"]);

            // A write that rolls back is never heard of.
            await using (var connection = new NpgsqlConnection(postgres))
            {
                await connection.OpenAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await using var update = new NpgsqlCommand("update tallies set count = count + 1 where survey_slug = 'rc-lulea'", connection, tx);
                (await update.ExecuteNonQueryAsync()).Should().BePositive();
                await tx.RollbackAsync();
            }
            (await HeardAsync()).Should().BeEmpty();
            await host.StopAsync();
        }
        finally
        {
            await Infrastructure.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task The_ranking_shows_a_change_another_writer_made_and_still_does_after_its_listening_connection_broke()
    {
        var slug = await SurveyWithThreeTrafikAsync();

        // Another Staff API (here: SQL of its own) raises the floor to 5; this one hears of it from PostgreSQL.
        var seen = await FloorSeenAsync(slug, 5);
        // Its connection for listening breaks (as when PostgreSQL restarts); a change made meanwhile is still seen.
        await using (var admin = NpgsqlDataSource.Create(system.Postgres))
        {
            await using var kill = admin.CreateCommand(
                $"select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query in ('listen {ReportChangeListener.Channel}', 'select 1')");
            (await kill.ExecuteScalarAsync()).Should().Be(1L, "the Staff API listens on one connection");
        }
        var afterBreak = await FloorSeenAsync(slug, 1);
        Measurements.Record($"report changes: a floor raised by another writer seen by the ranking after {seen.TotalMilliseconds:F0} ms; " +
                            $"after the listening connection broke, after {afterBreak.TotalMilliseconds:F0} ms");
    }

    // A survey (floor 1) with three answers naming trafik, all counted and shown by the ranking.
    private async Task<string> SurveyWithThreeTrafikAsync()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "trafik"]);
        for (var i = 0; i < 3; i++)
            (await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", new { concerns = new[] { "trafik" } }))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await system.WaitForRespondentsAsync(slug, 3, TimeSpan.FromSeconds(30))).Should().Be(3);
        Trafik(await system.RankingAsync(slug))["count"]!.GetValue<long>().Should().Be(3, "the floor is 1");
        return slug;
    }

    private static JsonNode Trafik(JsonNode ranking) =>
        ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "trafik")!;

    [Fact]
    public async Task The_ranking_shows_a_change_within_seconds_while_its_listening_connection_hangs_without_a_word()
    {
        var slug = await SurveyWithThreeTrafikAsync();

        // The server process behind the Staff API's listening connection stops (SIGSTOP): the connection stays open and
        // says nothing, as when the network to the primary goes, and notices no longer reach the Staff API.
        int listener;
        await using (var admin = NpgsqlDataSource.Create(system.Postgres))
        {
            await using var find = admin.CreateCommand(
                $"select pid from pg_stat_activity where datname = current_database() and query = 'listen {ReportChangeListener.Channel}'");
            listener = (int)(await find.ExecuteScalarAsync())!;
        }
        await SignalAsync("STOP", listener);
        TimeSpan seen;
        try
        {
            seen = await FloorSeenAsync(slug, 5, TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is HttpRequestException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{e.Message}\nThe Staff API said:\n{system.Ranking.RecentOutput}", e);
        }
        finally
        {
            await SignalAsync("CONT", listener);
        }
        Measurements.Record($"report changes: with the listening connection hung, a floor raised elsewhere seen after {seen.TotalSeconds:F1} s " +
                            "(the heartbeat was not heard, the Staff API reconnected)");
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", $"-{signal} {pid}");
        await kill.WaitForExitAsync();
        kill.ExitCode.Should().Be(0, $"kill -{signal} {pid}");
    }

    // Sets the survey's floor in PostgreSQL directly and waits (at most 5 s) until the ranking hides or shows trafik's 3 answers.
    private async Task<TimeSpan> FloorSeenAsync(string slug, int floor, TimeSpan? within = null)
    {
        await using (var db = NpgsqlDataSource.Create(system.Postgres))
        {
            await using var update = db.CreateCommand(
                "update surveys set definition = jsonb_set(definition, '{minimumCellSize}', to_jsonb(@floor)) where slug = @slug");
            update.Parameters.AddWithValue("floor", floor);
            update.Parameters.AddWithValue("slug", slug);
            (await update.ExecuteNonQueryAsync()).Should().Be(1);
        }
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var hidden = Trafik(await system.RankingAsync(slug))["count"] is null;
            if (hidden == floor > 3) return clock.Elapsed;
            clock.Elapsed.Should().BeLessThan(within ?? TimeSpan.FromSeconds(5), $"the ranking should show the floor of {floor} once it is stored");
            await Task.Delay(20);
        }
    }
}
