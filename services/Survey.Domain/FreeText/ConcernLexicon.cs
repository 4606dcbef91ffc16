using System.Globalization;
using System.Text;

namespace Survey.Domain.FreeText;

// A word of the lexicon (or a cue word) as it is compared with the words of a text: its written
// form and its stem, each also with å, ä and ö folded for texts written without them.
internal sealed record LexiconWord(string Text, string Stem, string FoldedText, string FoldedStem, bool Prefix, bool Suffix, bool WrittenOnly);

// One line of the lexicon: a word or phrase naming a concern, with the cues it needs or must not have.
internal sealed record LexiconEntry(
    string Concern,
    IReadOnlyList<LexiconWord> Words,
    IReadOnlyList<LexiconWord> Requires,
    IReadOnlyList<LexiconWord> Unless,
    bool KeepsUnderNegation,
    int Line);

// The concern lexicon, read from the embedded concern-lexicon.txt (its head explains the notation).
internal static class ConcernLexicon
{
    // A concern section whose words name nothing: the longer word they hold wins and is dropped.
    public const string NoConcern = "-";

    public static IReadOnlyList<LexiconEntry> Load(SnowballStemmer stemmer)
    {
        using var stream = typeof(ConcernLexicon).Assembly.GetManifestResourceStream("concern-lexicon.txt")
            ?? throw new InvalidOperationException("The embedded concern-lexicon.txt is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd(), stemmer);
    }

    public static IReadOnlyList<LexiconEntry> Parse(string text, SnowballStemmer stemmer)
    {
        var sets = new Dictionary<string, List<LexiconWord>>(StringComparer.Ordinal);
        var entries = new List<LexiconEntry>();
        string? concern = null;
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                concern = line[1..^1].Trim();
                if (concern != NoConcern && !Concerns.ConcernTaxonomy.TryGet(concern, out _))
                    throw new FormatException($"concern-lexicon.txt line {n + 1}: '{concern}' is not a concern code.");
                continue;
            }
            if (line.StartsWith('@'))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0) throw new FormatException($"concern-lexicon.txt line {n + 1}: a set needs '@name = words'.");
                sets[line[..eq].Trim()] = [.. Words(line[(eq + 1)..], sets, stemmer, n)];
                continue;
            }
            if (concern is null) throw new FormatException($"concern-lexicon.txt line {n + 1}: an entry before any [concern].");

            var keeps = line.EndsWith('~');
            if (keeps) line = line[..^1];
            // The pattern runs to the first ? or !, each of which starts a list of cues.
            var cut = line.IndexOfAny(['?', '!']);
            var pattern = cut < 0 ? line : line[..cut];
            var requires = new List<LexiconWord>();
            var unless = new List<LexiconWord>();
            while (cut >= 0)
            {
                var next = line.IndexOfAny(['?', '!'], cut + 1);
                var cues = Words(next < 0 ? line[(cut + 1)..] : line[(cut + 1)..next], sets, stemmer, n);
                (line[cut] == '?' ? requires : unless).AddRange(cues);
                cut = next;
            }
            var words = Words(pattern, sets, stemmer, n).ToList();
            if (words.Count == 0) throw new FormatException($"concern-lexicon.txt line {n + 1}: no words.");
            entries.Add(new LexiconEntry(concern, words, requires, unless, keeps, n + 1));
        }
        return entries;
    }

    private static IEnumerable<LexiconWord> Words(string part, Dictionary<string, List<LexiconWord>> sets, SnowballStemmer stemmer, int line)
    {
        foreach (var raw in part.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.StartsWith('@'))
            {
                if (!sets.TryGetValue(raw, out var set)) throw new FormatException($"concern-lexicon.txt line {line + 1}: no set {raw}.");
                foreach (var w in set) yield return w;
                continue;
            }
            var written = raw.StartsWith('=');
            var word = written ? raw[1..] : raw;
            var suffix = word.StartsWith('*');
            var prefix = word.EndsWith('*') && word.Length > 1;
            word = TextTokens.Normalise(word.Trim('*'));
            if (word.Length == 0) throw new FormatException($"concern-lexicon.txt line {line + 1}: an empty word.");
            var stem = stemmer.Stem(word);
            yield return new LexiconWord(word, stem, TextTokens.Fold(word), TextTokens.Fold(stem), prefix, suffix, written);
        }
    }
}

// A word of a text, lower case without hyphens ("EPA-traktor" is "epatraktor"), with its stem.
// Plain is true when it has no å, ä or ö: then it may have been written without them.
internal readonly record struct TextToken(string Text, string Stem, bool Plain, int Sentence, bool AfterComma);

internal static class TextTokens
{
    public static string Normalise(string word) =>
        word.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture).Replace("-", "", StringComparison.Ordinal);

    public static bool HasSwedishLetters(string word) => word.AsSpan().IndexOfAny("åäöéü") >= 0;

    public static string Fold(string word) =>
        HasSwedishLetters(word)
            ? word.Replace('å', 'a').Replace('ä', 'a').Replace('ö', 'o').Replace('é', 'e').Replace('ü', 'u')
            : word;

    // Words and where sentences end: at . ! ? ; and line breaks, and before "men", "däremot" and
    // "dock", which turn the sense ("knark är inget problem men bilarna kör för fort").
    public static List<TextToken> Read(string text, SnowballStemmer stemmer)
    {
        var tokens = new List<TextToken>();
        var sentence = 0;
        var comma = false;
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length == 0) return;
            var w = Normalise(word.ToString().Trim('-'));
            word.Clear();
            if (w.Length == 0) return;
            if (w is "men" or "däremot" or "dock" or "fast") sentence++;
            tokens.Add(new TextToken(w, stemmer.Stem(w), !HasSwedishLetters(w), sentence, comma));
            comma = false;
        }
        var normalised = text.Normalize(NormalizationForm.FormC);
        foreach (var c in normalised)
        {
            if (char.IsLetterOrDigit(c) || (c == '-' && word.Length > 0)) word.Append(c);
            else
            {
                Flush();
                if (c is '.' or '!' or '?' or ';' or '\n' or '\r' or ':') sentence++;
                else if (c == ',') comma = true;
            }
        }
        Flush();
        return tokens;
    }
}
