using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Survey.ServiceDefaults;

// Text in a JSON body that parses but cannot become a .NET string: bytes that are not UTF-8, or an
// escape such as \ud800 that is half of a surrogate pair. System.Text.Json finds both only when a
// string is read, and then throws InvalidOperationException, which is a 500 unless it is caught
// where the string is read. The public intake checks every string through here before it reads
// any; the staff endpoints' binder reports the same two problems through BadRequestHandler.
public static class JsonText
{
    public const string NotUtf8 = "Not valid UTF-8: send the body as UTF-8 text.";

    public const string HalfAPair =
        "Holds half of a surrogate pair (an escape such as \\ud800 or \\udc00 without its other half), which is not valid Unicode text.";

    // Why this string value cannot be read, or null when it can.
    public static string? Problem(JsonElement value) =>
        Problem(JsonMarshal.GetRawUtf8Value(value), value.GetString);

    // Why this property's name cannot be read, or null when it can.
    public static string? NameProblem(JsonProperty property) =>
        Problem(JsonMarshal.GetRawUtf8PropertyName(property), () => property.Name);

    private static string? Problem(ReadOnlySpan<byte> raw, Func<string?> read)
    {
        if (!Utf8.IsValid(raw)) return NotUtf8;
        // Without a backslash there is no escape, and valid UTF-8 always reads.
        if (raw.IndexOf((byte)'\\') < 0) return null;
        try
        {
            read();
            return null;
        }
        catch (InvalidOperationException)
        {
            return HalfAPair;
        }
    }

    // What the minimal-API binder hit, when System.Text.Json could not read the text of a string or a
    // field name (it throws JsonException with the reader's InvalidOperationException inside); null
    // for any other failure.
    public static string? Explain(JsonException exception)
    {
        if (exception.InnerException is not InvalidOperationException inner) return null;
        // The transcoder's DecoderFallbackException is kept as the inner exception: that is bad UTF-8.
        // Otherwise the reader's own words say what it met (half a surrogate pair, or a token of another type).
        return inner.InnerException is System.Text.DecoderFallbackException ? NotUtf8 : inner.Message;
    }
}
