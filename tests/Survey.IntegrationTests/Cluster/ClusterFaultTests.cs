using System.Diagnostics;

namespace Survey.IntegrationTests.Cluster;

// Issue 11's fault runs: 20,000 responses posted concurrently over two Intakes while one part of the scale-out layout
// fails. Each ends with exactly the responses that got a 202 tallied, once each, the queue empty and no message blamed.
[Collection(ClusterCollection.Name)]
public class ClusterFaultTests(ClusterSystem system)
{
    private const int Count = 20_000;
    private const int InFlight = 64;
    // The fault strikes once this many responses were accepted: well inside the stream.
    private const int StrikeAt = 4_000;

    [Fact]
    public async Task The_tally_queue_is_a_quorum_queue_with_a_replica_on_each_of_the_three_nodes()
    {
        var (members, leader) = await system.QueueReplicasAsync(ClusterSystem.TallyQueue);

        members.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        members.Should().Contain(leader);
    }

    [Fact]
    public async Task Killing_the_rabbitmq_node_that_leads_the_queue_loses_no_accepted_response_and_counts_none_twice()
    {
        var leader = 0;
        var elected = TimeSpan.Zero;
        await FaultRunAsync(() => $"rabbitmq node {leader}, the queue's leader, killed (a new leader after {elected.TotalSeconds:F1} s)", seed: 1101,
            fault: async () =>
            {
                leader = await system.LeaderOfAsync(ClusterSystem.TallyQueue);
                await system.KillNodeAsync(leader);
                var clock = Stopwatch.StartNew();
                while (await system.LeaderOfAsync(ClusterSystem.TallyQueue) == leader && clock.Elapsed < TimeSpan.FromSeconds(60))
                    await Task.Delay(100);
                elected = clock.Elapsed;
            },
            heal: async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
                await system.RestartNodeAsync(leader);
            });
        elected.Should().BeLessThan(TimeSpan.FromSeconds(60), "the two nodes left elect a new leader");
        (await system.QueueReplicasAsync(ClusterSystem.TallyQueue)).Members.Should().HaveCount(3, "the restarted node is a replica again");
    }

    [Fact]
    public async Task Killing_a_worker_mid_batch_loses_no_accepted_response_and_counts_none_twice()
    {
        await FaultRunAsync("worker killed", seed: 1102,
            fault: () =>
            {
                system.Workers[0].Kill();
                return Task.CompletedTask;
            },
            heal: async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                await system.Workers[0].StartAsync(TimeSpan.FromSeconds(90));
            });
    }

    [Fact]
    public async Task Restarting_postgresql_loses_no_accepted_response_and_counts_none_twice()
    {
        await FaultRunAsync("postgresql primary restarted (3 s down)", seed: 1103,
            fault: () => system.PostgresAsync("restart", "3"));
    }

    [Fact]
    public async Task Promoting_the_standby_when_the_primary_stops_loses_no_accepted_response_and_counts_none_twice()
    {
        try
        {
            await FaultRunAsync("postgresql primary crashed, standby promoted", seed: 1104,
                fault: () => system.PostgresAsync("promote"));
        }
        finally
        {
            // The old primary comes back as the new primary's standby, for the runs after this one.
            await system.PostgresAsync("start");
        }
    }

    [Fact]
    public async Task Killing_an_intake_loses_no_accepted_response_and_counts_none_twice_the_client_retrying_on_the_other()
    {
        try
        {
            await FaultRunAsync("one intake killed", seed: 1105,
                fault: () =>
                {
                    system.Intakes[1].Kill();
                    return Task.CompletedTask;
                });
        }
        finally
        {
            await system.Intakes[1].StartAsync(TimeSpan.FromSeconds(90));
        }
    }

    // Posts Count responses, strikes with fault once StrikeAt are accepted, heals (while the posting goes on), then checks
    // that the tallies hold exactly the accepted responses, the queue is empty and nothing went to the error queue.
    private Task FaultRunAsync(string what, int seed, Func<Task> fault, Func<Task>? heal = null) => FaultRunAsync(() => what, seed, fault, heal);

    private async Task FaultRunAsync(Func<string> what, int seed, Func<Task> fault, Func<Task>? heal = null)
    {
        var slug = await system.CreateSurveyAsync();
        var responses = new GeneratedResponses(Count, seed);
        var poster = new FailoverPoster(system.IntakeClients);
        var errorsBefore = await system.QueueDepthAsync(ClusterSystem.ErrorQueue);

        var clock = Stopwatch.StartNew();
        var posting = poster.PostAllAsync(responses, slug, InFlight, giveUpAfter: TimeSpan.FromMinutes(3));
        while (poster.AcceptedSoFar < StrikeAt && !posting.IsCompleted) await Task.Delay(20);
        var struckAt = clock.Elapsed;
        await fault();
        if (heal is not null) await heal();
        var healedAt = clock.Elapsed;

        var accepted = await posting;
        var posted = clock.Elapsed;
        accepted.Should().HaveCount(Count, "the client retries a 503 or a broken connection on the other Intake until one accepts; "
            + string.Join(", ", poster.Final.Values.GroupBy(s => s).Select(g => $"{g.Key}: {g.Count()}")));

        (await system.WaitForRespondentsAsync(slug, accepted.Count, TimeSpan.FromMinutes(3))).Should().Be(accepted.Count);
        var tallied = clock.Elapsed;
        await system.WaitForEmptyQueueAsync(ClusterSystem.TallyQueue, TimeSpan.FromMinutes(2));
        // A late redelivery would show here as a count above the accepted ones.
        await Task.Delay(TimeSpan.FromSeconds(2));
        FailoverPoster.AssertTallied(responses, accepted, await system.RankingAsync(slug));
        (await system.QueueDepthAsync(ClusterSystem.ErrorQueue)).Should().Be(errorsBefore, "a part that failed for a while is waited for, no message blamed");

        Measurements.Record($"cluster: {what()}: {Count} posted over 2 intakes, {InFlight} in flight, in {posted.TotalSeconds:F1} s " +
                            $"({Count / posted.TotalSeconds:F0}/s); fault at {struckAt.TotalSeconds:F1} s, healed at {healedAt.TotalSeconds:F1} s; " +
                            $"{poster.Retried503} 503s and {poster.RetriedBroken} broken connections retried on the other intake; " +
                            $"longest pause between 202s {poster.LongestPause.TotalSeconds:F1} s; all {accepted.Count} tallied exactly " +
                            $"{(tallied - posted).TotalSeconds:F1} s after the last 202");
    }
}
