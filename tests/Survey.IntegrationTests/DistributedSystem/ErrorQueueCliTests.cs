using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Survey.Contracts;

namespace Survey.IntegrationTests;

// `survey errors` and `survey replay` as an operator runs them (the built survey.dll) against the worker's real error
// queue on RabbitMQ, with PostgreSQL behind it.
[Collection(DistributedCollection.Name)]
public class ErrorQueueCliTests(DistributedSystem system, Xunit.Abstractions.ITestOutputHelper log)
{
    private const string TallyQueue = "tally-survey-response";
    private const string ErrorQueue = "tally-survey-response_error";

    // The poison a fix cures: a response for a survey the store does not have. Intake accepts responses only for surveys
    // it has read from the Staff API, so in production this is a survey lost after Intake read it, e.g. created on the
    // PostgreSQL primary just before it failed and missing on the standby promoted in its place (replication is
    // asynchronous). The store's foreign key refuses the response until staff create the survey again; then a replay
    // counts it. Published straight to the broker here, as Intake would have.
    [Fact]
    public async Task A_response_for_a_survey_the_store_lacks_is_listed_and_left_in_the_error_queue_and_after_the_survey_is_created_replayed_and_counted_once()
    {
        var slug = "it-" + Guid.NewGuid().ToString("N")[..10];
        var response = new SurveyResponseSubmitted
        {
            ResponseId = Guid.NewGuid(),
            SurveySlug = slug,
            MunicipalityCode = "2514",
            ReceivedAt = DateTimeOffset.UtcNow,
            Concerns = ["trafik"],
            Priorities = ["trafik"],
            FreeText = "Bilarna kör för fort förbi skolan på Storgatan",
        };
        await PublishAsync(response);

        var listed = await WaitUntilListedAsync(response.ResponseId, TimeSpan.FromSeconds(90));
        listed.GetProperty("queue").GetString().Should().Be(ErrorQueue);
        listed.GetProperty("surveySlug").GetString().Should().Be(slug);
        listed.GetProperty("exceptionType").GetString().Should().EndWith("PostgresException");
        listed.GetProperty("reason").GetString().Should().StartWith("23503").And.Contain("foreign key");
        listed.GetProperty("failedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        listed.GetProperty("messageType").GetString().Should().EndWith("SurveyResponseSubmitted");
        listed.GetProperty("inputAddress").GetString().Should().EndWith($"/{system.VirtualHost}/{TallyQueue}");
        var messageId = listed.GetProperty("messageId").GetString()!;

        // The table, for people, says the same; the broker comes from --rabbitmq, not the (here wrong) variable.
        var (code, table, error) = await SurveyAsync(["errors", "--rabbitmq", system.RabbitMqUri], broker: "amqp://guest:guest@127.0.0.1:1/");
        code.Should().Be(0, error);
        log.WriteLine(table);
        table.Split('\n').Should().Contain(line => line.Contains(messageId) && line.Contains(response.ResponseId.ToString())
                                                   && line.Contains(slug) && line.Contains("PostgresException") && line.Contains("foreign key"));
        foreach (var output in new[] { table, listed.GetRawText() })
            output.Should().NotContain("Storgatan", "the free text is the resident's").And.NotContain("trafik", "so are the answers");

        // Listing took nothing away: the queue still holds it, and another listing shows it once.
        (await ReadyAsync(ErrorQueue)).Should().BeGreaterThanOrEqualTo(1);
        (await ErrorsAsync()).Count(m => m.GetProperty("messageId").GetString() == messageId).Should().Be(1);

        await system.CreateSurveyAsync(["narkotika", "trafik"], slug: slug);
        var before = await ErrorDepthAsync();
        (code, var replayed, error) = await SurveyAsync(["replay", "--all"]);
        code.Should().Be(0, error);
        log.WriteLine(replayed);
        replayed.Should().Contain($"replayed {messageId} from {ErrorQueue} to {TallyQueue} (response {response.ResponseId} for {slug})");

        (await system.WaitForRespondentsAsync(slug, 1, TimeSpan.FromSeconds(60))).Should().Be(1);
        // The other tests' poisons were replayed too and fail again: once they are back, nothing is in flight.
        await WaitForErrorDepthAsync(before - 1, TimeSpan.FromSeconds(60));
        await system.WaitForEmptyQueueAsync(TallyQueue, TimeSpan.FromSeconds(30));
        var ranking = await system.RankingAsync(slug);
        ranking["respondents"]!.GetValue<long>().Should().Be(1);
        ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "trafik")!["count"]!.GetValue<long>().Should().Be(1);
        (await ErrorsAsync()).Should().NotContain(m => m.GetProperty("messageId").GetString() == messageId, "it was acknowledged once its copy was confirmed");

        // A second replay of it finds nothing to send, and the count stays.
        (code, _, error) = await SurveyAsync(["replay", "--id", messageId]);
        code.Should().Be(1);
        error.Should().Contain($"no message with id {messageId} in {ErrorQueue}");
        (await system.RespondentsAsync(slug)).Should().Be(1);
    }

    [Fact]
    public async Task Replaying_an_id_that_is_not_in_the_error_queues_says_so_exits_1_and_moves_nothing()
    {
        var before = await ErrorDepthAsync();
        var id = Guid.NewGuid();

        var (code, output, error) = await SurveyAsync(["replay", "--id", id.ToString()]);

        code.Should().Be(1);
        error.Should().Contain($"no message with id {id}").And.NotContain("   at ");
        output.Should().Contain("0 messages replayed, 1 not");
        (await ErrorDepthAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_unknown_queue_is_named_in_one_sentence_with_exit_code_1()
    {
        var (code, output, error) = await SurveyAsync(["errors", "--queue", "no-such-endpoint_error"]);

        code.Should().Be(1);
        error.Trim().Should().Be($"survey: there is no queue 'no-such-endpoint_error' at 127.0.0.1:5672, virtual host '{system.VirtualHost}'.");
        output.Should().BeEmpty();
    }

    private async Task<long> ErrorDepthAsync() => await ReadyAsync(ErrorQueue) + await ReadyAsync("tally-dialogue_error");

    // Messages ready in a queue, from the broker itself at this moment (rabbitmqctl's figures lag by seconds); the
    // error queues have no consumer, so that is all they hold.
    private async Task<long> ReadyAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(system.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    private async Task WaitForErrorDepthAsync(long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ErrorDepthAsync() != expected)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The error queues hold {await ErrorDepthAsync()} messages, not {expected}, after {timeout}.");
            await Task.Delay(250);
        }
    }

    private async Task<List<JsonElement>> ErrorsAsync()
    {
        var (code, output, error) = await SurveyAsync(["errors", "--json"]);
        code.Should().Be(0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    // The worker tries a refused message four times over about 2.6 s before it moves it to the error queue.
    private async Task<JsonElement> WaitUntilListedAsync(Guid responseId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = (await ErrorsAsync()).Where(m => m.GetProperty("responseId").ValueKind == JsonValueKind.String
                                                         && m.GetProperty("responseId").GetGuid() == responseId).ToList();
            if (found.Count > 0) return found.Should().ContainSingle().Subject;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"survey errors did not list response {responseId} within {timeout}.");
            await Task.Delay(500);
        }
    }

    // The built tool, with the broker in ConnectionStrings__rabbitmq as the services have it (or the address given).
    private async Task<(int Code, string Output, string Error)> SurveyAsync(string[] args, string? broker = null)
    {
        var dll = Path.Combine(Repository.Root, "services", "Survey.Cli", "bin", Repository.Configuration, "net10.0", "survey.dll");
        File.Exists(dll).Should().BeTrue($"the survey tool is built: {dll}");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["ConnectionStrings__rabbitmq"] = broker ?? system.RabbitMqUri;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private async Task PublishAsync(SurveyResponseSubmitted message)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(system.RabbitMqUri)));
        await bus.StartAsync();
        try
        {
            await bus.Publish(message);
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
