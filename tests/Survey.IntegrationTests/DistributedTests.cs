using System.Diagnostics;
using System.Net.Http.Json;
using System.Net;
using System.Text;
using MassTransit;
using RabbitMQ.Client;
using Survey.Contracts;

namespace Survey.IntegrationTests;

[Collection(DistributedCollection.Name)]
public class DistributedTests(DistributedSystem system)
{
    private const string TallyQueue = "tally-survey-response";
    private const string ErrorQueue = "tally-survey-response_error";

    [Fact]
    public async Task Thousand_concurrent_responses_end_as_exactly_a_thousand_respondents_with_the_right_counts()
    {
        var slug = await system.CreateSurveyAsync(GeneratedResponses.Concerns);
        var responses = new GeneratedResponses(1000, seed: 2514);

        var clock = Stopwatch.StartNew();
        var statuses = await responses.PostAllAsync(system.IntakeClient, slug, parallelism: 64);
        var posted = clock.Elapsed;
        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.Accepted));

        var counted = await system.WaitForRespondentsAsync(slug, 1000, TimeSpan.FromSeconds(120));
        var tallied = clock.Elapsed;
        counted.Should().Be(1000);
        await system.WaitForEmptyQueueAsync(TallyQueue, TimeSpan.FromSeconds(30));
        responses.AssertRanking(await system.RankingAsync(slug));

        Measurements.Record($"distributed: 1000 responses, 64 in flight: all 202 after {posted.TotalSeconds:F2} s " +
                            $"({1000 / posted.TotalSeconds:F0}/s), last tallied after {tallied.TotalSeconds:F2} s");
    }

    [Fact]
    public async Task Same_response_id_posted_three_times_answers_202_each_time_and_counts_once()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "trafik"]);
        var id = Guid.NewGuid();

        for (var i = 0; i < 3; i++)
        {
            var response = await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses",
                new { responseId = id, concerns = new[] { "trafik" }, priorities = new[] { "trafik" } });
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }
        await system.WaitForRespondentsAsync(slug, 1, TimeSpan.FromSeconds(30));
        await system.WaitForEmptyQueueAsync(TallyQueue, TimeSpan.FromSeconds(30));

        var ranking = await system.RankingAsync(slug);
        ranking["respondents"]!.GetValue<long>().Should().Be(1);
        ranking["concerns"]![0]!["code"]!.GetValue<string>().Should().Be("trafik");
        ranking["concerns"]![0]!["count"]!.GetValue<long>().Should().Be(1);
        ranking["concerns"]![0]!["priorityPoints"]!.GetValue<long>().Should().Be(3);
    }

    [Fact]
    public async Task A_message_delivered_twice_counts_once()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "inbrott"]);
        var message = Message(slug, ["inbrott"]);

        await PublishAsync(message, message, Message(slug, ["narkotika"]));

        (await system.WaitForRespondentsAsync(slug, 2, TimeSpan.FromSeconds(30))).Should().Be(2);
        await system.WaitForEmptyQueueAsync(TallyQueue, TimeSpan.FromSeconds(30));
        var ranking = await system.RankingAsync(slug);
        ranking["respondents"]!.GetValue<long>().Should().Be(2);
        ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "inbrott")!["count"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task With_the_broker_stopped_intake_answers_503_never_202_and_nothing_is_counted()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "trafik"]);
        // Intake must have read the survey before the broker goes, like any survey residents are answering.
        (await system.IntakeClient.GetAsync($"api/v1/public/surveys/{slug}")).StatusCode.Should().Be(HttpStatusCode.OK);

        await Infrastructure.RabbitMqCtlAsync("stop_app");
        try
        {
            var rejected = new List<Guid>();
            for (var i = 0; i < 5; i++)
            {
                var id = Guid.NewGuid();
                var clock = Stopwatch.StartNew();
                var response = await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses",
                    new { responseId = id, concerns = new[] { "narkotika" } });
                response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                response.Headers.RetryAfter.Should().NotBeNull();
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
                rejected.Add(id);
                if (i == 0) Measurements.Record($"distributed: broker stopped: 503 after {clock.Elapsed.TotalSeconds:F1} s (bounded retry)");
            }
            (await system.IntakeClient.GetAsync("health/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable,
                "a load balancer must stop sending residents to an Intake that cannot reach the broker");
        }
        finally
        {
            await Infrastructure.RabbitMqCtlAsync("start_app");
            await Infrastructure.RabbitMqCtlAsync("await_startup");
        }

        // Once the broker is back, Intake and the worker reconnect by themselves.
        await system.Worker.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var accepted = await PostUntilAcceptedAsync(slug, TimeSpan.FromSeconds(60));
        (await system.WaitForRespondentsAsync(slug, 1, TimeSpan.FromSeconds(30))).Should().Be(1);
        await system.WaitForEmptyQueueAsync(TallyQueue, TimeSpan.FromSeconds(30));
        (await system.RespondentsAsync(slug)).Should().Be(1, $"only {accepted} was accepted; the five 503s must not count");
    }

    [Fact]
    public async Task A_poison_message_lands_in_the_error_queue_and_the_good_ones_around_it_are_counted()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "trafik"]);
        var poison = Message("no-such-survey", ["narkotika"]);

        await PublishAsync(Message(slug, ["trafik"]), poison, Message(slug, ["narkotika"]));
        await PublishRawAsync("this is not JSON", Guid.NewGuid());

        (await system.WaitForRespondentsAsync(slug, 2, TimeSpan.FromSeconds(30))).Should().Be(2);
        var errors = await WaitForErrorQueueAsync(expected: 2, TimeSpan.FromSeconds(60));
        errors.Should().Contain(body => body.Contains(poison.ResponseId.ToString()));
        errors.Should().Contain(body => body.Contains("this is not JSON"));
        (await system.RespondentsAsync(slug)).Should().Be(2);
    }

    [Fact]
    public async Task A_worker_killed_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        var slug = await system.CreateSurveyAsync(GeneratedResponses.Concerns);
        var responses = new GeneratedResponses(600, seed: 1272);

        var posting = responses.PostAllAsync(system.IntakeClient, slug, parallelism: 32);
        await system.WaitForRespondentsAsync(slug, 100, TimeSpan.FromSeconds(60));
        system.Worker.Kill();
        List<HttpStatusCode> statuses;
        long whileDown;
        try
        {
            statuses = await posting;
            whileDown = await system.RespondentsAsync(slug);
        }
        finally
        {
            await system.Worker.StartAsync(TimeSpan.FromSeconds(60));
        }
        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.Accepted), "Intake does not need the worker to accept");
        (await system.WaitForRespondentsAsync(slug, 600, TimeSpan.FromSeconds(120))).Should().Be(600);
        await system.WaitForEmptyQueueAsync(TallyQueue, TimeSpan.FromSeconds(30));
        responses.AssertRanking(await system.RankingAsync(slug));
        Measurements.Record($"distributed: worker killed at {whileDown} of 600 counted; after restart 600 counted exactly");
    }

    [Fact]
    public async Task A_database_restart_loses_nothing_and_counts_nothing_twice()
    {
        var slug = await system.CreateSurveyAsync(GeneratedResponses.Concerns);
        var responses = new GeneratedResponses(600, seed: 2584);
        // Intake must have the definition cached, as it has for any survey residents are answering.
        (await system.IntakeClient.GetAsync($"api/v1/public/surveys/{slug}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var errorsBefore = await system.QueueDepthAsync(ErrorQueue);
        var posting = responses.PostAllAsync(system.IntakeClient, slug, parallelism: 16);
        await system.WaitForRespondentsAsync(slug, 100, TimeSpan.FromSeconds(60));
        var before = await system.RespondentsAsync(slug);
        await Infrastructure.PostgresAsync("stop");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await Infrastructure.PostgresAsync("start");
        var statuses = await posting;
        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.Accepted), "Intake does not need the database to accept");

        (await system.WaitForRespondentsAsync(slug, 600, TimeSpan.FromSeconds(120))).Should().Be(600);
        await system.WaitForEmptyQueueAsync(TallyQueue, TimeSpan.FromSeconds(60));
        responses.AssertRanking(await system.RankingAsync(slug));
        (await system.QueueDepthAsync(ErrorQueue)).Should().Be(errorsBefore, "a store that was away for a moment is waited for, not blamed");
        Measurements.Record($"distributed: PostgreSQL stopped for 3 s at {before} of 600 counted; afterwards 600 counted exactly, none in the error queue");
    }

    [Fact]
    public async Task While_the_ranking_api_is_down_intake_keeps_accepting_with_its_last_good_copy_of_the_survey()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "trafik"]);
        (await system.IntakeClient.GetAsync($"api/v1/public/surveys/{slug}")).StatusCode.Should().Be(HttpStatusCode.OK);

        system.Ranking.Kill();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // past Intake's cache time: it must ask, fail, and fall back
            for (var i = 0; i < 5; i++)
            {
                var response = await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses",
                    new { concerns = new[] { "trafik" } });
                response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            }
            var unknown = await system.IntakeClient.PostAsJsonAsync("api/v1/public/surveys/never-seen/responses", new { });
            unknown.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a survey Intake has never seen cannot be checked while the Staff API is down");
            unknown.Headers.RetryAfter.Should().NotBeNull();
        }
        finally
        {
            await system.Ranking.StartAsync(TimeSpan.FromSeconds(60));
        }
        (await system.WaitForRespondentsAsync(slug, 5, TimeSpan.FromSeconds(30))).Should().Be(5);

        // Intake's circuit breaker closes again by itself: a survey created now is soon found.
        var later = await system.CreateSurveyAsync(["trafik"]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        while ((status = (await system.IntakeClient.GetAsync($"api/v1/public/surveys/{later}")).StatusCode) != HttpStatusCode.OK
               && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Responses_per_channel_and_per_day_come_from_postgresql()
    {
        var slug = await system.CreateSurveyAsync(["narkotika"]);
        foreach (var channel in new[] { "facebook", "affisch", "facebook" })
            (await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", new { channel }))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        await system.WaitForRespondentsAsync(slug, 3, TimeSpan.FromSeconds(30));

        var report = System.Text.Json.Nodes.JsonNode.Parse(await system.RankingClient.GetStringAsync($"api/v1/staff/surveys/{slug}/channels"))!;

        report["channels"]![0]!["channel"]!.GetValue<string>().Should().Be("facebook");
        report["channels"]![0]!["respondents"]!.GetValue<long>().Should().Be(2);
        report["days"]!.AsArray().Sum(d => d!["responses"]!.GetValue<long>()).Should().Be(3);
    }

    [Fact]
    public async Task Weights_exports_and_the_dashboard_come_from_postgresql_through_the_ranking_api()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "trafik"]);
        (await system.RankingClient.PutAsync($"api/v1/staff/surveys/{slug}/population",
            new StringContent("ageGroup;gender;population\n16-24;kvinna;100\n16-24;man;100\n25-44;kvinna;300\n25-44;man;300\n",
                System.Text.Encoding.UTF8, "text/csv"))).StatusCode.Should().Be(HttpStatusCode.OK);
        // The hand-computed case of the unit tests: narkotika 30 % raw, 29.5 % weighted.
        var answers = new List<object>();
        void Add(string age, string gender, int n, Func<int, string[]> concerns)
        {
            for (var i = 0; i < n; i++) answers.Add(new { ageGroup = age, gender, concerns = concerns(i) });
        }
        Add("16-24", "kvinna", 10, i => i < 8 ? ["narkotika"] : []);
        Add("16-24", "man", 10, i => i < 6 ? ["narkotika"] : []);
        Add("25-44", "kvinna", 40, i => i < 10 ? ["narkotika"] : i < 30 ? ["trafik"] : []);
        Add("25-44", "man", 20, i => i < 4 ? ["narkotika"] : []);
        Add("25-44", "annat", 20, i => i < 2 ? ["narkotika"] : i < 14 ? ["trafik"] : []);
        await Task.WhenAll(answers.Select(async a =>
            (await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", a)).StatusCode.Should().Be(HttpStatusCode.Accepted)));
        await system.WaitForRespondentsAsync(slug, 100, TimeSpan.FromSeconds(30));

        var ranking = await system.RankingAsync(slug);
        ranking["concerns"]![0]!["code"]!.GetValue<string>().Should().Be("narkotika", "weighted, narkotika leads");
        ranking["concerns"]![0]!["weightedShare"]!.GetValue<double>().Should().BeApproximately(0.295, 1e-12);
        ranking["weighting"]!["effectiveSampleSize"]!.GetValue<double>().Should().BeApproximately(93.023256, 1e-6);

        var xlsx = await system.RankingClient.GetByteArrayAsync($"api/v1/staff/surveys/{slug}/ranking?format=xlsx");
        xlsx.Take(2).Should().Equal((byte)'P', (byte)'K');

        using var browser = await system.StaffPagesAsync();
        var page = await browser.GetAsync($"staff/dashboard/{slug}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Problembild för medborgarlöfte").And.Contain("Vägd andel");
    }

    [Fact]
    public async Task A_surveys_own_questions_are_tallied_through_rabbitmq_into_postgresql_and_read_with_by_and_csv()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "trafik"], System.Text.Json.Nodes.JsonNode.Parse("""
            [{"code": "trygg-centrum", "type": "single",
              "label": {"sv": "Känner du dig trygg i centrum på kvällen?", "en": "Do you feel safe in the centre in the evening?", "fi": "Tunnetko olosi turvalliseksi keskustassa illalla?"},
              "options": [{"code": "ja", "label": {"sv": "Ja", "en": "Yes", "fi": "Kyllä"}}, {"code": "nej", "label": {"sv": "Nej", "en": "No", "fi": "Ei"}}]},
             {"code": "betyg", "type": "scale",
              "label": {"sv": "Hur nöjd är du med polisens närvaro?", "en": "How satisfied are you with police presence?", "fi": "Kuinka tyytyväinen olet poliisin näkyvyyteen?"}}]
            """)!.AsArray());
        var answers = new[] { ("ja", 4, "trafik"), ("ja", 5, "trafik"), ("nej", 2, "narkotika"), ("ja", 4, "narkotika") };
        foreach (var (safe, grade, concern) in answers)
            (await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses", new
            {
                concerns = new[] { concern },
                answers = new Dictionary<string, object> { ["trygg-centrum"] = safe, ["betyg"] = grade },
            })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await system.WaitForRespondentsAsync(slug, 4, TimeSpan.FromSeconds(30));

        var single = System.Text.Json.Nodes.JsonNode.Parse(await system.RankingClient.GetStringAsync($"api/v1/staff/surveys/{slug}/questions/trygg-centrum"))!;
        single["answered"]!.GetValue<long>().Should().Be(4);
        single["values"]!.AsArray().Select(v => (v!["code"]!.GetValue<string>(), v["count"]!.GetValue<long>()))
            .Should().BeEquivalentTo(new[] { ("ja", 3L), ("nej", 1L) });
        var scale = System.Text.Json.Nodes.JsonNode.Parse(await system.RankingClient.GetStringAsync($"api/v1/staff/surveys/{slug}/questions/betyg"))!;
        scale["mean"]!["mean"]!.GetValue<double>().Should().Be(3.75);

        var byQuestion = (await system.RankingClient.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"api/v1/staff/surveys/{slug}/ranking?by=trygg-centrum"))!["breakdown"]!;
        var ja = byQuestion["groups"]!.AsArray().Single(g => g!["value"]?.GetValue<string>() == "ja")!;
        ja["respondents"]!.GetValue<long>().Should().Be(3);
        ja["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "trafik")!["count"]!.GetValue<long>().Should().Be(2);

        var csv = await system.RankingClient.GetStringAsync($"api/v1/staff/surveys/{slug}/questions/trygg-centrum?format=csv");
        csv.Should().Contain("Ja").And.Contain("Nej");
    }

    private static SurveyResponseSubmitted Message(string slug, IReadOnlyList<string> concerns) => new()
    {
        ResponseId = Guid.NewGuid(),
        SurveySlug = slug,
        MunicipalityCode = "2514",
        ReceivedAt = DateTimeOffset.UtcNow,
        Concerns = concerns,
    };

    private async Task PublishAsync(params SurveyResponseSubmitted[] messages)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(system.RabbitMqUri)));
        await bus.StartAsync();
        try
        {
            foreach (var message in messages) await bus.Publish(message);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private async Task PublishRawAsync(string body, Guid messageId)
    {
        var factory = new ConnectionFactory { Uri = new Uri(system.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json",
            MessageId = messageId.ToString(),
            Persistent = true,
        };
        await channel.BasicPublishAsync("Survey.Contracts:SurveyResponseSubmitted", "", mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    private async Task<List<string>> WaitForErrorQueueAsync(int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await system.QueueDepthAsync(ErrorQueue) < expected && DateTime.UtcNow < deadline)
            await Task.Delay(250);

        var factory = new ConnectionFactory { Uri = new Uri(system.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var bodies = new List<string>();
        // Read without acknowledging: the messages stay in the error queue for a replay.
        while (await channel.BasicGetAsync(ErrorQueue, autoAck: false) is { } message)
            bodies.Add(Encoding.UTF8.GetString(message.Body.Span));
        return bodies;
    }

    private async Task<Guid> PostUntilAcceptedAsync(string slug, TimeSpan timeout)
    {
        var id = Guid.NewGuid();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await system.IntakeClient.PostAsJsonAsync($"api/v1/public/surveys/{slug}/responses",
                new { responseId = id, concerns = new[] { "trafik" } });
            if (response.StatusCode == HttpStatusCode.Accepted) return id;
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Intake did not accept again after the broker came back.");
            await Task.Delay(500);
        }
    }
}
