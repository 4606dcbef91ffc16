using System.Text.Encodings.Web;
using System.Text.Json;
using Survey.Domain.FreeText;
using Survey.Domain.Responses;

namespace Survey.Cli;

// `survey classify` and `survey scrub`: one text per input line, one JSON line per input line, in
// order, with the same classifier and scrubber the services use.
public static class Commands
{
    public const int Usage = 2;

    // Standard input was not UTF-8: what was read before the bad bytes (the reader decodes in blocks) is written, then this.
    public const int NotUtf8 = 1;

    public const string UsageText = """
        usage: survey <command> < texts.txt

        Reads one text per line on standard input and writes one JSON line per input line, in order.

          classify   the concern codes the text names: {"text":"…","concerns":["narkotika"]}
          scrub      the text without personal data:   {"text":"<scrubbed>"}
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
