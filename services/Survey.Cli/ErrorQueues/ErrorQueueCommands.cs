using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using RabbitMQ.Client.Exceptions;

namespace Survey.Cli.ErrorQueues;

// `survey errors` and `survey replay`: what failed in the worker and why, and sending it back once the cause is fixed.
public static class ErrorQueueCommands
{
    public const int Failed = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static bool Handles(IReadOnlyList<string> args) => args is ["errors", ..] or ["replay", ..];

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (arguments, problem) = args.Contains("--help") || args.Contains("-h") ? (null, null) : ErrorQueueArguments.Parse(args, environment);
        if (arguments is null)
        {
            if (problem is not null) error.WriteLine($"survey: {problem}");
            error.WriteLine(Commands.UsageText);
            return Commands.Usage;
        }
        try
        {
            // A console tool without a synchronisation context: blocking here is safe.
            return RunAsync(arguments, output, error, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ErrorQueueException e)
        {
            error.WriteLine($"survey: {e.Message}");
            return Failed;
        }
        catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException or IOException)
        {
            error.WriteLine($"survey: the connection to RabbitMQ was lost or refused an operation: {e.GetBaseException().Message}. " +
                            "Nothing was acknowledged that had not been copied; run again.");
            return Failed;
        }
    }

    private static async Task<int> RunAsync(ErrorQueueArguments arguments, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var broker = await ErrorQueueBroker.ConnectAsync(arguments.Broker, $"survey {arguments.Command.ToString().ToLowerInvariant()}", ct);
        var queues = await broker.QueuesAsync(arguments.Queue, ct);
        return arguments.Command == ErrorQueueCommand.Errors
            ? await ListAsync(broker, queues, arguments.Json, output, ct)
            : await ReplayAsync(broker, queues, arguments, output, error, ct);
    }

    private static async Task<int> ListAsync(ErrorQueueBroker broker, IReadOnlyList<(string Queue, uint Messages)> queues, bool json,
        TextWriter output, CancellationToken ct)
    {
        var messages = new List<ErrorMessage>();
        foreach (var (queue, count) in queues)
            messages.AddRange(await broker.ListAsync(queue, count, ct));
        if (json)
        {
            foreach (var message in messages) output.WriteLine(ToJsonLine(message));
            return 0;
        }
        if (messages.Count > 0) WriteTable(messages, output);
        var looked = queues.Count == 0 ? "no error queue exists yet" : string.Join(", ", queues.Select(q => q.Queue));
        output.WriteLine(messages.Count == 0
            ? $"No messages in the error queues at {broker.Address} ({looked})."
            : $"{messages.Count} message{(messages.Count == 1 ? "" : "s")} in {looked} at {broker.Address}; listed, not removed.");
        return 0;
    }

    private static async Task<int> ReplayAsync(ErrorQueueBroker broker, IReadOnlyList<(string Queue, uint Messages)> queues,
        ErrorQueueArguments arguments, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var wanted = new HashSet<string>(arguments.Ids, StringComparer.OrdinalIgnoreCase);
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int replayed = 0, failed = 0;
        bool Choose(ErrorMessage m) => arguments.All || (m.MessageId is { } id && wanted.Contains(id) && found.Add(id));
        bool Done() => !arguments.All && found.Count == wanted.Count;
        void Report(ReplayOutcome outcome)
        {
            var id = outcome.Message.MessageId ?? "(no message id)";
            switch (outcome)
            {
                case Replayed r:
                    replayed++;
                    output.WriteLine($"replayed {id} from {r.Message.Queue} to {r.To}{Describe(r.Message)}");
                    break;
                case NotReplayed n:
                    failed++;
                    error.WriteLine($"survey: could not replay {id} from {n.Message.Queue}: {n.Why}; it stays in the error queue.");
                    break;
            }
        }

        foreach (var (queue, count) in queues)
        {
            if (Done()) break;
            await broker.ReplayAsync(queue, count, Choose, Report, Done, ct);
        }

        var looked = queues.Count == 0 ? "no error queue exists yet" : string.Join(", ", queues.Select(q => q.Queue));
        foreach (var missing in wanted.Where(id => !found.Contains(id)).Order(StringComparer.Ordinal))
        {
            failed++;
            error.WriteLine($"survey: no message with id {missing} in {looked} at {broker.Address}.");
        }
        output.WriteLine($"{replayed} message{(replayed == 1 ? "" : "s")} replayed{(failed > 0 ? $", {failed} not" : "")}.");
        return failed == 0 ? 0 : Failed;
    }

    private static string Describe(ErrorMessage m) =>
        m.ResponseId is { } response ? $" (response {response} for {m.SurveySlug ?? "?"})" : "";

    public static string ToJsonLine(ErrorMessage m) => JsonSerializer.Serialize(ToJson(m), Json);

    private static object ToJson(ErrorMessage m) => new
    {
        queue = m.Queue,
        messageId = m.MessageId,
        failedAt = m.FailedAt,
        exceptionType = m.ExceptionType,
        reason = m.Reason,
        inputAddress = m.InputAddress,
        messageType = m.MessageType,
        consumerType = m.ConsumerType,
        retryCount = m.RetryCount,
        responseId = m.ResponseId,
        surveySlug = m.SurveySlug,
    };

    // One line per message; the reason, which can be long, last and on one line.
    public static void WriteTable(IReadOnlyList<ErrorMessage> messages, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(output);
        string[] header = ["QUEUE", "MESSAGE ID", "FAILED (UTC)", "MESSAGE TYPE", "RESPONSE ID", "SURVEY", "EXCEPTION", "REASON"];
        var rows = messages.Select(m => new[]
        {
            m.Queue,
            m.MessageId ?? "-",
            m.FailedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
            ShortName(m.MessageType) ?? "-",
            m.ResponseId?.ToString() ?? "-",
            m.SurveySlug ?? "-",
            ShortName(m.ExceptionType) ?? "-",
            OneLine(m.Reason) ?? "-",
        }).ToList();
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i < widths.Length ? cell.PadRight(widths[i]) : cell)));
    }

    // Npgsql.PostgresException -> PostgresException: the table is read by people; --json keeps the full name.
    private static string? ShortName(string? type) => type?[(type.LastIndexOf('.') + 1)..];

    private static string? OneLine(string? text) =>
        text is null ? null : string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
