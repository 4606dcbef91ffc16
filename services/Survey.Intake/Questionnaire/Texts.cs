using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Survey.Domain.Surveys;

namespace Survey.Intake.Questionnaire;

// The questionnaire's words in one language, from Texts/{lang}.json, with its date formats (_date, _dateTime:
// Finnish writes "1. maaliskuuta 2031 klo 8.00"). Adding a language is adding one file; a key missing from it falls back to Swedish.
public sealed class Texts
{
    public const string DefaultLanguage = "sv";

    private static readonly Lazy<FrozenDictionary<string, Texts>> All = new(Load);
    private readonly IReadOnlyDictionary<string, string> _words;
    private readonly Texts? _fallback;

    private Texts(string language, IReadOnlyDictionary<string, string> words, Texts? fallback)
    {
        Language = language;
        _words = words;
        _fallback = fallback;
    }

    public string Language { get; }
    public string Name => this["_name"];
    public string Direction => this["_dir"] == "rtl" ? "rtl" : "ltr";

    public CultureInfo Culture => Language switch
    {
        "sv" => CultureInfo.GetCultureInfo("sv-SE"),
        "en" => CultureInfo.GetCultureInfo("en-GB"),
        "fi" => CultureInfo.GetCultureInfo("fi-FI"),
        "fit" or "se" => CultureInfo.GetCultureInfo("sv-SE"),
        _ => TryCulture(Language),
    };

    public string this[string key] =>
        _words.TryGetValue(key, out var word) ? word : _fallback?[key] ?? key;

    public string Format(string key, params object[] args) => string.Format(Culture, this[key], args);

    public static IReadOnlyCollection<string> Available => All.Value.Keys;

    public static Texts For(string language) =>
        All.Value.TryGetValue(language, out var texts) ? texts : All.Value[DefaultLanguage];

    // ?lang= first, then the browser's Accept-Language, then Swedish; only languages the survey offers.
    public static Texts Choose(SurveyDefinition survey, HttpRequest request)
    {
        var offered = survey.Languages.Where(All.Value.ContainsKey).ToList();
        if (request.Query["lang"].ToString() is { Length: > 0 } asked && offered.Contains(asked))
            return For(asked);
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1);
        foreach (var candidate in accepted)
        {
            var primary = candidate.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (primary is not null && offered.Contains(primary)) return For(primary);
        }
        return For(DefaultLanguage);
    }

    private static CultureInfo TryCulture(string name)
    {
        try { return CultureInfo.GetCultureInfo(name); }
        catch (CultureNotFoundException) { return CultureInfo.GetCultureInfo("sv-SE"); }
    }

    private static FrozenDictionary<string, Texts> Load()
    {
        var assembly = typeof(Texts).Assembly;
        var raw = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("texts.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .ToDictionary(n => n["texts.".Length..^".json".Length], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
            });
        var swedish = new Texts(DefaultLanguage, raw[DefaultLanguage], null);
        return raw.ToFrozenDictionary(kv => kv.Key, kv => kv.Key == DefaultLanguage ? swedish : new Texts(kv.Key, kv.Value, swedish));
    }
}
