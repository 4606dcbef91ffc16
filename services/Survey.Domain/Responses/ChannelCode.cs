using System.Text.RegularExpressions;

namespace Survey.Domain.Responses;

/// <summary>A channel (?k=facebook) names where a resident came from; it goes into links, so it is kept URL-safe.</summary>
public static partial class ChannelCode
{
    public const string Rule = "1–32 characters: lower-case letters a–z, digits and hyphens, starting with a letter or digit";

    // \z, not $: "$" also matches before a final "\n", which would let "facebook\n" through as a channel of its own.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,31}\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? channel) => channel is not null && Pattern().IsMatch(channel);
}
