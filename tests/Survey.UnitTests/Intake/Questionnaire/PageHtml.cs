using System.Net;
using System.Text.RegularExpressions;

namespace Survey.UnitTests.Intake.Questionnaire;

// Just enough of a resident page's HTML to check its links: the pages are server-rendered and regular.
internal sealed record PageLink(string Href, string Text, string Attributes)
{
    public string? Attribute(string name) =>
        Regex.Match(Attributes, $@"\b{name}=""([^""]*)""") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
}

internal static partial class PageHtml
{
    public static string Footer(string html) =>
        FooterPattern().Match(html) is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException("The page has no <footer>:\n" + html);

    public static List<PageLink> Links(string html) =>
        LinkPattern().Matches(html)
            .Select(m => new PageLink(WebUtility.HtmlDecode(Regex.Match(m.Groups[1].Value, @"\bhref=""([^""]*)""").Groups[1].Value),
                WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[2].Value, "")).Trim(), m.Groups[1].Value))
            .ToList();

    // What a reader sees: the tags gone, the entities decoded, white space as single spaces.
    public static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(TagPattern().Replace(html, " ")), @"\s+", " ");

    // The skip link must lead somewhere on the page itself.
    public static (string Text, bool TargetExists) SkipLink(string html)
    {
        var skip = Links(html).Single(l => l.Attribute("class") == "skip");
        return (skip.Text, skip.Href.StartsWith('#') && html.Contains($"id=\"{skip.Href[1..]}\"", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"<footer>.*?</footer>", RegexOptions.Singleline)]
    private static partial Regex FooterPattern();

    [GeneratedRegex(@"<a\b([^>]*)>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
