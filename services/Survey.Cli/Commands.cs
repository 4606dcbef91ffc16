using System.Text.Encodings.Web;
using System.Text.Json;
using Survey.Cli.ErrorQueues;
using Survey.Domain.FreeText;
using Survey.Domain.Responses;

namespace Survey.Cli;

// `survey classify` and `survey scrub`: one text per input line, one JSON line per input line, in
// order, with the same classifier and scrubber the services use. `survey errors` and `survey replay` are in ErrorQueues/.
public static class Commands
{
    public const int Usage = 2;

    // Standard input was not UTF-8: what was read before the bad bytes (the reader decodes in blocks) is written, then this.
    public const int NotUtf8 = 1;

    public const string UsageText = """
        usage: survey classify|scrub < texts.txt
               survey errors [--rabbitmq amqp://…] [--queue NAME] [--json]
               survey replay [--rabbitmq amqp://…] [--queue NAME] (--all | --id MESSAGEID …)

          classify   reads one text per line on standard input and writes one JSON line per input line, in order:
                     the concern codes the text names: {"text":"…","concerns":["narkotika"]}
          scrub      the same, the text without personal data: {"text":"<scrubbed>"}

          errors     lists the messages in the error queues (tally-survey-response_error, tally-dialogue_error, or the
                     queue named) without removing them: queue, message id, when and why it failed (MassTransit's
                     MT-Fault-* headers), the message type, and a response's id and survey (never its answers).
                     A table, or with --json one JSON object per line.
          replay     sends error messages back to the queue they failed in (MT-Fault-InputAddress, else the error
                     queue's name without _error), with publisher confirms, body and properties kept and the
                     MT-Fault-* headers dropped; each is removed from the error queue only after its copy is
                     confirmed. --all replays every message, --id the ones named (repeat --id or list several).
                     Exit code 0 when all went, 1 when one could not be or an id was not found.

          --rabbitmq   the broker, amqp://user:password@host:5672/vhost; default: ConnectionStrings__rabbitmq
          --queue      one queue to read instead of the known error queues

        Exit codes: 0 done, 1 failed (broker unreachable, unknown queue, message not replayed or not found), 2 usage.
        """;

    // Unescaped Swedish letters (and any other text) in the output: it is read by people and by
    // JSON tools, never pasted into HTML.
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (ErrorQueueCommands.Handles(args)) return ErrorQueueCommands.Run(args, output, error, Environment.GetEnvironmentVariable);
        Func<string, object>? command = args switch
        {
            ["classify"] => text => new Classified(text, ConcernClassifier.Classify(text)),
            ["scrub"] => text => new Scrubbed(FreeTextScrubber.Scrub(text) ?? ""),
            _ => null,
        };
        if (command is null)
        {
            if (args is not ([] or ["--help"] or ["-h"] or ["help"]))
                error.WriteLine($"survey: unknown command '{string.Join(' ', args)}'");
            error.WriteLine(UsageText);
            return Usage;
        }
        var number = 0;
        try
        {
            while (input.ReadLine() is { } line)
            {
                number++;
                var result = command(number == 1 ? line.TrimStart('\uFEFF') : line);
                output.WriteLine(JsonSerializer.Serialize(result, result.GetType(), Json));
            }
        }
        catch (System.Text.DecoderFallbackException)
        {
            error.WriteLine($"survey: the input is not UTF-8 text{(number == 0 ? "; nothing was read" : $" after line {number}; the rest was not read")}. Save the file as UTF-8 " +
                "(e.g. iconv -f latin1 -t utf-8 answers.txt) and run again.");
            return NotUtf8;
        }
        return 0;
    }

    private sealed record Classified(string Text, IReadOnlyList<string> Concerns);

    private sealed record Scrubbed(string Text);
}
