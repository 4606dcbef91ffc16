using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using MassTransit;
using RabbitMQ.Client;
using Survey.Cli;
using Survey.Cli.ErrorQueues;
using Survey.Tallying;
using Xunit;

namespace Survey.UnitTests.Cli;

public sealed class ErrorQueueArgumentsTests
{
    private const string FromEnvironment = "amqp://guest:guest@127.0.0.1:5672/from-env";

    private static (ErrorQueueArguments? Arguments, string? Problem) Parse(string? environment, params string[] args) =>
        ErrorQueueArguments.Parse(args, name => name == ErrorQueueArguments.BrokerVariable ? environment : null);

    [Fact]
    public void Errors_takes_the_broker_from_the_services_connection_string_variable()
    {
        var (arguments, problem) = Parse(FromEnvironment, "errors");

        problem.Should().BeNull();
        arguments!.Command.Should().Be(ErrorQueueCommand.Errors);
        arguments.Broker.Should().Be(new Uri(FromEnvironment));
        arguments.Queue.Should().BeNull();
        arguments.Json.Should().BeFalse();
    }

    [Fact]
    public void Rabbitmq_queue_and_json_options_are_read_and_the_option_wins_over_the_variable()
    {
        var (arguments, _) = Parse(FromEnvironment, "errors", "--queue", "tally-dialogue_error", "--json", "--rabbitmq", "amqp://u:p@broker:5673/v");

        arguments!.Broker.Should().Be(new Uri("amqp://u:p@broker:5673/v"));
        arguments.Queue.Should().Be("tally-dialogue_error");
        arguments.Json.Should().BeTrue();
    }

    [Fact]
    public void Replay_takes_ids_after_one_id_option_or_after_several_once_each()
    {
        var (arguments, problem) = Parse(FromEnvironment, "replay", "--id", "a1", "b2", "--queue", "q_error", "--id", "c3", "--id", "A1");

        problem.Should().BeNull();
        arguments!.Command.Should().Be(ErrorQueueCommand.Replay);
        arguments.Ids.Should().Equal("a1", "b2", "c3");
        arguments.All.Should().BeFalse();
        arguments.Queue.Should().Be("q_error");
    }

    [Fact]
    public void Replay_all_is_read()
    {
        var (arguments, _) = Parse(FromEnvironment, "replay", "--all");

        arguments!.All.Should().BeTrue();
        arguments.Ids.Should().BeEmpty();
    }

    [Theory]
    [InlineData("say what to replay", "replay")]
    [InlineData("not both", "replay", "--all", "--id", "x")]
    [InlineData("--id needs a message id", "replay", "--id")]
    [InlineData("--id needs a message id", "replay", "--id", "--all")]
    [InlineData("--queue needs a value", "errors", "--queue")]
    [InlineData("--rabbitmq needs a value", "errors", "--rabbitmq", "--json")]
    [InlineData("unknown option '--all' for survey errors", "errors", "--all")]
    [InlineData("unknown option '--json' for survey replay", "replay", "--all", "--json")]
    [InlineData("unexpected argument 'extra'", "errors", "extra")]
    [InlineData("amqp:// or amqps://", "errors", "--rabbitmq", "http://127.0.0.1:15672/")]
    [InlineData("amqp:// or amqps://", "errors", "--rabbitmq", "127.0.0.1")]
    public void A_command_line_that_cannot_be_run_is_named(string expected, params string[] args)
    {
        var (arguments, problem) = Parse(FromEnvironment, args);

        arguments.Should().BeNull();
        problem.Should().Contain(expected);
    }

    [Fact]
    public void Without_an_option_or_the_variable_the_problem_says_where_the_broker_address_comes_from()
    {
        var (arguments, problem) = Parse(null, "errors");

        arguments.Should().BeNull();
        problem.Should().Contain("--rabbitmq").And.Contain("ConnectionStrings__rabbitmq");
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("errors", "--frobnicate")]
    [InlineData("errors", "--help")]
    [InlineData("replay", "--all", "--help")]
    public void Usage_problems_and_help_print_the_usage_of_both_commands_and_exit_2(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = Commands.Run(args, new StringReader(""), output, error);

        code.Should().Be(Commands.Usage);
        output.ToString().Should().BeEmpty();
        error.ToString().Should().Contain("survey errors [--rabbitmq").And.Contain("survey replay [--rabbitmq").And.Contain("--id MESSAGEID");
    }
}

public sealed class ErrorMessageTests
{
    private static readonly Guid ResponseId = Guid.Parse("5f0c9a52-2c55-4d8a-9a3e-3f8f2a1b7c11");

    // A SurveyResponseSubmitted in MassTransit's envelope, as it lies in the error queue, with answers and free text.
    private static byte[] Envelope(string messageType = "urn:message:Survey.Contracts:SurveyResponseSubmitted") => Encoding.UTF8.GetBytes($$"""
        {"messageId":"0a000000-1111-2222-3333-444444444444","conversationId":"0b000000-1111-2222-3333-444444444444",
         "messageType":["{{messageType}}"],
         "message":{"responseId":"{{ResponseId}}","surveySlug":"kalix-2027","municipalityCode":"2514","receivedAt":"2026-11-23T08:00:00+00:00",
                    "concerns":["narkotika"],"area":"centrum","freeText":"Det säljs knark bakom Konsum varje kväll",
                    "answers":[{"code":"trygg","type":"single","values":["nej"]}]},
         "host":{"machineName":"intake-1"} }
        """);

    // Headers as RabbitMQ.Client hands them over: strings as UTF-8 bytes, numbers as numbers.
    private static BasicProperties Faulted(Action<Dictionary<string, object?>>? change = null)
    {
        var headers = new Dictionary<string, object?>
        {
            ["Content-Type"] = "application/vnd.masstransit+json"u8.ToArray(),
            ["MT-Reason"] = "fault"u8.ToArray(),
            ["MT-Fault-ExceptionType"] = "Npgsql.PostgresException"u8.ToArray(),
            ["MT-Fault-Message"] = Encoding.UTF8.GetBytes("23503: insert or update on table \"responses\" violates foreign key constraint \"responses_survey_slug_fkey\"\n\nDETAIL: redacted"),
            ["MT-Fault-Timestamp"] = "2026-11-23T08:15:42.1234567Z"u8.ToArray(),
            ["MT-Fault-InputAddress"] = "rabbitmq://127.0.0.1/survey_it_1/tally-survey-response"u8.ToArray(),
            ["MT-Fault-MessageType"] = "Survey.Contracts.SurveyResponseSubmitted"u8.ToArray(),
            ["MT-Fault-ConsumerType"] = "Survey.Tallying.TallySurveyResponseConsumer"u8.ToArray(),
            ["MT-Fault-StackTrace"] = "   at Npgsql..."u8.ToArray(),
            ["MT-Fault-RetryCount"] = 3,
            ["MT-Host-MachineName"] = "worker-1"u8.ToArray(),
        };
        change?.Invoke(headers);
        return new BasicProperties { MessageId = "0a000000-1111-2222-3333-444444444444", ContentType = "application/vnd.masstransit+json", Headers = headers };
    }

    [Fact]
    public void The_fault_headers_give_where_when_and_why_it_failed_and_the_body_which_response_of_which_survey()
    {
        var message = ErrorMessage.Read("tally-survey-response_error", Faulted(), Envelope());

        message.Queue.Should().Be("tally-survey-response_error");
        message.MessageId.Should().Be("0a000000-1111-2222-3333-444444444444");
        message.FailedAt.Should().Be(new DateTimeOffset(2026, 11, 23, 8, 15, 42, TimeSpan.Zero).AddTicks(1234567));
        message.ExceptionType.Should().Be("Npgsql.PostgresException");
        message.Reason.Should().StartWith("23503: insert or update on table \"responses\" violates foreign key constraint");
        message.InputAddress.Should().Be("rabbitmq://127.0.0.1/survey_it_1/tally-survey-response");
        message.OriginQueue.Should().Be("tally-survey-response");
        message.MessageType.Should().Be("Survey.Contracts.SurveyResponseSubmitted");
        message.ConsumerType.Should().Be("Survey.Tallying.TallySurveyResponseConsumer");
        message.RetryCount.Should().Be(3);
        message.ResponseId.Should().Be(ResponseId);
        message.SurveySlug.Should().Be("kalix-2027");
    }

    [Fact]
    public void Neither_the_json_line_nor_the_table_carries_the_residents_answers_or_free_text()
    {
        var message = ErrorMessage.Read("tally-survey-response_error", Faulted(), Envelope());
        using var table = new StringWriter();
        ErrorQueueCommands.WriteTable([message], table);
        var line = ErrorQueueCommands.ToJsonLine(message);

        foreach (var shown in new[] { line, table.ToString() })
        {
            shown.Should().Contain(ResponseId.ToString()).And.Contain("kalix-2027").And.Contain("foreign key constraint");
            shown.Should().NotContain("knark").And.NotContain("Konsum").And.NotContain("centrum").And.NotContain("narkotika").And.NotContain("trygg")
                .And.NotContain("at Npgsql", "the stack trace is for the logs, not the listing");
        }
        JsonDocument.Parse(line).RootElement.GetProperty("failedAt").GetString().Should().Be("2026-11-23T08:15:42.1234567+00:00");
        table.ToString().Should().Contain("PostgresException").And.Contain("2026-11-23 08:15:42")
            .And.NotContain("\n\nDETAIL", "a reason of several lines is one line of the table");
    }

    [Fact]
    public void The_message_type_comes_from_the_envelope_when_the_fault_did_not_name_it()
    {
        // A message that failed before any consumer saw it (deserialisation) has no MT-Fault-MessageType.
        var message = ErrorMessage.Read("tally-survey-response_error", Faulted(h => h.Remove("MT-Fault-MessageType")), Envelope());

        message.MessageType.Should().Be("Survey.Contracts.SurveyResponseSubmitted");
        message.ResponseId.Should().Be(ResponseId);
    }

    [Fact]
    public void Another_message_type_shows_no_response_id_or_survey_even_if_its_body_has_such_fields()
    {
        var message = ErrorMessage.Read("tally-dialogue_error", Faulted(h => h.Remove("MT-Fault-MessageType")), Envelope("urn:message:Survey.Contracts:DialogueRecorded"));

        message.MessageType.Should().Be("Survey.Contracts.DialogueRecorded");
        message.ResponseId.Should().BeNull();
        message.SurveySlug.Should().BeNull();
    }

    [Fact]
    public void A_body_that_is_not_json_leaves_type_and_response_unknown_and_the_reason_still_shows()
    {
        var message = ErrorMessage.Read("tally-survey-response_error",
            Faulted(h => { h.Remove("MT-Fault-MessageType"); h["MT-Fault-ExceptionType"] = "System.Runtime.Serialization.SerializationException"u8.ToArray(); }),
            "this is not JSON"u8.ToArray());

        message.MessageType.Should().BeNull();
        message.ResponseId.Should().BeNull();
        message.ExceptionType.Should().Be("System.Runtime.Serialization.SerializationException");
        message.MessageId.Should().Be("0a000000-1111-2222-3333-444444444444");
    }

    [Fact]
    public void Headers_given_as_strings_and_missing_headers_are_read_too()
    {
        var properties = new BasicProperties { Headers = new Dictionary<string, object?> { ["mt-fault-message"] = "as a string", ["MT-Fault-RetryCount"] = 2L } };

        var message = ErrorMessage.Read("q_error", properties, Envelope());

        message.Reason.Should().Be("as a string", "header names are matched without regard to case");
        message.RetryCount.Should().Be(2);
        message.FailedAt.Should().BeNull();
        message.ExceptionType.Should().BeNull();
        message.MessageId.Should().Be("0a000000-1111-2222-3333-444444444444", "without the AMQP property, the envelope's id");
    }

    [Theory]
    [InlineData("rabbitmq://127.0.0.1/survey_it_1/tally-survey-response", "tally-survey-response")]
    [InlineData("rabbitmq://localhost/tally-dialogue", "tally-dialogue")]
    [InlineData("rabbitmq://broker:5673/prod%2Fse/tally-dialogue?bind=true", "tally-dialogue")]
    [InlineData("rabbitmq://localhost/vh/exchange-name?bind=true&queue=the-queue", "the-queue")]
    [InlineData("not an address", null)]
    [InlineData("", null)]
    public void The_queue_a_message_failed_in_is_read_from_masstransits_input_address(string address, string? queue) =>
        FaultHeaders.QueueOf(address).Should().Be(queue);

    [Theory]
    [InlineData("tally-survey-response_error", "tally-survey-response")]
    [InlineData("something-else", null)]
    public void Without_an_input_address_the_queue_of_origin_is_the_error_queues_name_without_error(string queue, string? origin) =>
        ErrorMessage.Read(queue, Faulted(h => h.Remove("MT-Fault-InputAddress")), Envelope()).OriginQueue.Should().Be(origin);

    [Fact]
    public void A_replayed_message_keeps_its_headers_but_not_masstransits_account_of_the_failure()
    {
        var kept = FaultHeaders.WithoutFault(Faulted().Headers);

        kept!.Keys.Should().BeEquivalentTo("Content-Type", "MT-Host-MachineName");
        FaultHeaders.WithoutFault(null).Should().BeNull();
    }
}

public sealed class ErrorQueueBrokerTests
{
    // "All error queues" is a list (AMQP cannot list a virtual host's queues): it must follow the worker's endpoints.
    [Fact]
    public void The_known_error_queues_are_those_of_the_workers_consumer_endpoints()
    {
        IConsumerDefinition[] definitions = [new TallySurveyResponseConsumerDefinition(), new TallyDialogueConsumerDefinition()];
        var consumers = typeof(TallySurveyResponseConsumer).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)));

        consumers.Should().HaveCount(definitions.Length, "every consumer of the worker has its definition listed here");
        ErrorQueueBroker.KnownErrorQueues.Should().BeEquivalentTo(
            definitions.Select(d => d.GetEndpointName(KebabCaseEndpointNameFormatter.Instance) + "_error"));
    }

    // The tool as an operator runs it against a broker that is not there: one sentence, exit code 1, no stack trace.
    [Fact]
    public void The_built_tool_says_in_a_sentence_when_the_broker_cannot_be_reached()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "survey.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "errors", "--rabbitmq", "amqp://guest:secret-password@127.0.0.1:1/some-vhost"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue();

        process.ExitCode.Should().Be(ErrorQueueCommands.Failed, error);
        error.Should().StartWith("survey: cannot reach RabbitMQ at 127.0.0.1:1, virtual host 'some-vhost'")
            .And.NotContain(" at RabbitMQ.").And.NotContain("Exception").And.NotContain("secret-password");
        error.Trim().Split('\n').Should().ContainSingle();
        output.Should().BeEmpty();
    }
}
