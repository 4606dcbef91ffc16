namespace Survey.Domain.FreeText;

// Whether a word of a text is a lexicon word: the same stem, the same written form, the written
// form with an inflection ending, or (when the lexicon says so) the word at either end of a compound.
internal static class WordMatch
{
    // A compound's other part has at least this many letters, so an inflection ending is never read as one.
    private const int CompoundPart = 3;

    // Words shorter than this are read only whole: "rån" must not be found in "från", "hot" in "hotell".
    public const int CompoundWord = 4;

    // Only words this long are read as misspellings: a short word one edit away is usually another word.
    public const int MisspeltLength = 6;

    private static readonly string[] Endings =
        ["", "a", "e", "n", "t", "s", "en", "et", "er", "ar", "or", "na", "ns", "ts", "as", "es", "at", "ad", "ade", "ande", "erna", "arna", "orna", "ena", "ens", "ets", "arnas", "ernas"];

    public static bool Matches(TextToken token, LexiconWord word, bool compounds) => Covered(token, word, compounds) > 0;

    // How many letters of the token the word accounts for: all of them when it is the word
    // (inflected or not), the word's letters when it is part of a compound, 0 when neither.
    public static int Covered(TextToken token, LexiconWord word, bool compounds)
    {
        var text = token.Plain ? word.FoldedText : word.Text;
        var stem = token.Plain ? word.FoldedStem : word.Stem;
        if (word.WrittenOnly) return token.Text == text ? token.Text.Length : 0;
        if (token.Text == text || token.Stem == stem || Inflected(token.Text, 0, text)) return token.Text.Length;
        if (!compounds || text.Length < CompoundWord) return 0;
        if (word.Prefix && (Starts(token.Text, text) || Starts(token.Text, stem))) return text.Length;
        if (word.Suffix && (Ends(token.Stem, stem) || EndsInflected(token.Text, text))) return text.Length;
        if (word.Prefix && word.Suffix)
        {
            var at = token.Text.Length > CompoundPart ? token.Text.IndexOf(text, CompoundPart, StringComparison.Ordinal) : -1;
            if (at >= CompoundPart && token.Text.Length - at - text.Length >= CompoundPart) return text.Length;
        }
        return 0;
    }

    // The forms of a token that an entry's word may be filed under: as written, its stem, and as
    // written less each inflection ending it has.
    public static IEnumerable<string> Keys(TextToken token)
    {
        yield return token.Text;
        yield return token.Stem;
        foreach (var e in Endings)
            if (e.Length > 0 && token.Text.Length > e.Length && token.Text.EndsWith(e, StringComparison.Ordinal))
                yield return token.Text[..^e.Length];
    }

    public static bool CanBeCompoundPart(LexiconWord word) => (word.Prefix || word.Suffix) && word.Text.Length >= CompoundWord;

    // A misspelling of a lexicon word: one letter left out or doubled ("narkotka", "knarkk") of a word
    // of five letters or more, or one letter replaced or two swapped ("inbrått") in a word of seven
    // or more, with the first letter right (people rarely misspell the start of a word). Compared
    // with the words as the lexicon writes them, never folded: "buskar" is not "buskör".
    public static bool Misspelt(TextToken token, LexiconWord word)
    {
        var text = word.Text;
        if (text.Length < 5 || token.Text.Length < MisspeltLength || token.Text[0] != text[0]) return false;
        return token.Text.Length == text.Length
            ? text.Length >= 7 && WithinOneEdit(token.Text, text)
            : WithinOneEdit(token.Text, text);
    }

    private static bool Starts(string token, string part) =>
        part.Length >= CompoundWord && token.Length - part.Length >= CompoundPart && token.StartsWith(part, StringComparison.Ordinal);

    private static bool Ends(string token, string part) =>
        part.Length >= CompoundWord && token.Length - part.Length >= CompoundPart && token.EndsWith(part, StringComparison.Ordinal);

    private static bool EndsInflected(string token, string part)
    {
        for (var at = token.LastIndexOf(part, StringComparison.Ordinal); at >= CompoundPart; at = at == 0 ? -1 : token.LastIndexOf(part, at - 1, StringComparison.Ordinal))
            if (Inflected(token, at, part)) return true;
        return false;
    }

    // token[from..] is part followed by an inflection ending.
    private static bool Inflected(string token, int from, string part)
    {
        if (token.Length - from < part.Length || string.CompareOrdinal(token, from, part, 0, part.Length) != 0) return false;
        var ending = token.AsSpan(from + part.Length);
        foreach (var e in Endings)
            if (ending.SequenceEqual(e)) return true;
        return false;
    }

    // Optimal string alignment distance of at most one, without building the table.
    public static bool WithinOneEdit(string a, string b)
    {
        if (a == b) return true;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (a.Length == b.Length)
        {
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))) return true;
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
        }
        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }
}
