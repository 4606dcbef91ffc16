using System.Text.RegularExpressions;

namespace Survey.Domain.Responses;

// A channel (?k=facebook) names where a resident came from; it goes into links, so it is kept URL-safe.
public static partial class ChannelCode
{
    public const string Rule = "1–32 characters: lower-case letters a–z, digits (at most 4) and hyphens, starting with a letter or digit";

    // A year or a week fits (affisch-2027, v12); a phone number or a personnummer does not: a channel is shown to staff
    // as it was written and kept with the answer, so it must not be able to carry one.
    public const int MaxDigits = 4;

    // \z, not $: "$" also matches before a final "\n", which would let "facebook\n" through as a channel of its own.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,31}\z")]
    private static partial Regex Pattern();

    // Not a code (no code starts with "*"): the channels whose figures the disclosure gate hides, shown together so
    // that no hidden channel is named.
    public const string Others = "*";

    public static bool IsValid(string? channel) =>
        channel is not null && Pattern().IsMatch(channel) && channel.Count(char.IsAsciiDigit) <= MaxDigits;

    // How a channel reads to staff: the code is lower case and hyphenated for links, so names with capitals are
    // written out; any other code reads as words ("kommunens-webb" → "Kommunens webb").
    public static string Label(string channel)
    {
        if (channel == Others) return "Övriga kanaler";
        if (Names.TryGetValue(channel, out var name)) return name;
        var words = channel.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => Names.GetValueOrDefault(w, w)).ToList();
        if (words.Count == 0) return channel;
        words[0] = char.ToUpper(words[0][0], Swedish) + words[0][1..];
        return string.Join(' ', words);
    }

    private static readonly System.Globalization.CultureInfo Swedish = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["facebook"] = "Facebook", ["instagram"] = "Instagram", ["linkedin"] = "LinkedIn", ["tiktok"] = "TikTok",
        ["youtube"] = "YouTube", ["snapchat"] = "Snapchat", ["x"] = "X", ["twitter"] = "X (Twitter)", ["whatsapp"] = "WhatsApp",
        ["qr"] = "QR-kod", ["sms"] = "sms", ["epost"] = "E-post", ["e-post"] = "E-post", ["mejl"] = "E-post", ["email"] = "E-post",
    };
}
