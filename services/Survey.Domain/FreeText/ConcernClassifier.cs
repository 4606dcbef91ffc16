using System.Collections.Frozen;
using Survey.Domain.Concerns;

namespace Survey.Domain.FreeText;

// Reads a Swedish free-text answer as concern codes of the taxonomy: distinct, in taxonomy order,
// none when the text names none (no label rather than a guess). The words are data
// (concern-lexicon.txt); this reads them with these general rules:
// - inflection by the Snowball stem, compounds by a lexicon word at either end of a longer word,
//   and the longest word that matches a text word wins ("ungdomsgäng" is disorder, not "gäng");
// - text written without å, ä, ö matches the words with those letters folded ("stolder");
// - a misspelt long word matches a lexicon word one edit away ("inbrot", "narkotka");
// - negation: a concern is not read when a negation ("inga", "inte", "aldrig" …) stands before
//   it with only filler words between ("inga problem med inbrott", "aldrig sett någon langning"),
//   or after it with only filler to the end of the clause ("knark är inget problem men …").
public static class ConcernClassifier
{
    private static readonly Lazy<Reader> Shared = new(() => new Reader(SnowballStemmer.CreateSwedish()));

    // Throws InvalidOperationException saying to install libstemmer0d when the stemmer cannot be loaded.
    public static IReadOnlyList<string> Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) return [];
        return Shared.Value.Classify(text);
    }

    private sealed class Reader
    {
        private readonly SnowballStemmer stemmer;
        private readonly IReadOnlyList<LexiconEntry> entries;

        // Entries filed under the forms of their first word, so a text word looks up its few
        // candidates instead of trying every entry; those that may be part of a compound are tried always.
        private readonly Dictionary<string, List<LexiconEntry>> byForm = new(StringComparer.Ordinal);

        // Entries that may be part of a compound, filed the same way and looked up by every part of
        // a text word four letters or longer (without allocating: a span lookup).
        private readonly Dictionary<string, List<LexiconEntry>> byPart = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<LexiconEntry>>.AlternateLookup<ReadOnlySpan<char>> partLookup;

        public Reader(SnowballStemmer stemmer)
        {
            this.stemmer = stemmer;
            entries = ConcernLexicon.Load(stemmer);
            foreach (var entry in entries)
            {
                var first = entry.Words[0];
                foreach (var form in new[] { first.Text, first.Stem, first.FoldedText, first.FoldedStem }.Distinct())
                {
                    File(byForm, form, entry);
                    if (entry.Words.Count == 1 && WordMatch.CanBeCompoundPart(first)) File(byPart, form, entry);
                }
            }
            partLookup = byPart.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        private static void File(Dictionary<string, List<LexiconEntry>> index, string form, LexiconEntry entry)
        {
            if (!index.TryGetValue(form, out var list)) index[form] = list = [];
            list.Add(entry);
        }

        private void AddParts(string word, HashSet<LexiconEntry> candidates)
        {
            for (var start = 0; start + WordMatch.CompoundWord <= word.Length; start++)
            {
                for (var end = start + WordMatch.CompoundWord; end <= word.Length; end++)
                    if (partLookup.TryGetValue(word.AsSpan(start, end - start), out var filed)) candidates.UnionWith(filed);
            }
        }
        private static readonly FrozenDictionary<string, int> TaxonomyOrder =
            ConcernTaxonomy.All.Select((c, i) => (c.Code, i)).ToFrozenDictionary(p => p.Code, p => p.i);

        public IReadOnlyList<string> Classify(string text)
        {
            var tokens = TextTokens.Read(text, stemmer);
            var matches = new List<Match>();
            var candidates = new HashSet<LexiconEntry>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < tokens.Count; i++)
            {
                candidates.Clear();
                foreach (var key in WordMatch.Keys(tokens[i]))
                    if (byForm.TryGetValue(key, out var filed)) candidates.UnionWith(filed);
                AddParts(tokens[i].Text, candidates);
                AddParts(tokens[i].Stem, candidates);
                foreach (var entry in candidates)
                {
                    var covered = MatchAt(entry, tokens, i);
                    if (covered > 0) matches.Add(new Match(entry, i, i + entry.Words.Count, covered));
                }
            }
            MatchMisspellings(tokens, matches);
            matches = Longest(matches);

            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in matches)
            {
                if (m.Entry.Concern == ConcernLexicon.NoConcern) continue;
                // An answer that is nothing but the word ("polis") names it without a cue.
                var alone = m.Start == 0 && m.End == tokens.Count;
                if (m.Entry.Requires.Count > 0 && !alone && !SentenceHas(tokens, m, m.Entry.Requires)) continue;
                if (m.Entry.Unless.Count > 0 && SentenceHas(tokens, m, m.Entry.Unless)) continue;
                if (!m.Entry.KeepsUnderNegation && Negation.Denies(tokens, m.Start, m.End, matches)) continue;
                found.Add(m.Entry.Concern);
            }
            return [.. found.OrderBy(c => TaxonomyOrder[c])];
        }

        // The letters of the text the entry's words account for from token i, or 0 when they do not match there.
        private static int MatchAt(LexiconEntry entry, List<TextToken> tokens, int i)
        {
            var words = entry.Words;
            if (i + words.Count > tokens.Count) return 0;
            var covered = 0;
            for (var k = 0; k < words.Count; k++)
            {
                if (tokens[i + k].Sentence != tokens[i].Sentence) return 0;
                // A phrase's words are read whole; only a single word may be part of a compound.
                var letters = WordMatch.Covered(tokens[i + k], words[k], compounds: words.Count == 1);
                if (letters == 0) return 0;
                covered += letters;
            }
            return covered;
        }

        // A long word that no entry matched, one edit from a long single-word entry.
        private void MatchMisspellings(List<TextToken> tokens, List<Match> matches)
        {
            var matched = new bool[tokens.Count];
            foreach (var m in matches)
                for (var k = m.Start; k < m.End; k++) matched[k] = true;
            for (var i = 0; i < tokens.Count; i++)
            {
                if (matched[i] || tokens[i].Text.Length < WordMatch.MisspeltLength) continue;
                foreach (var entry in entries)
                {
                    if (entry.Words.Count == 1 && !entry.Words[0].WrittenOnly && WordMatch.Misspelt(tokens[i], entry.Words[0]))
                        matches.Add(new Match(entry, i, i + 1, tokens[i].Text.Length));
                }
            }
        }

        // Where matches overlap, the one over more words wins, then the one that accounts for more of
        // the word: "ungdomsgäng" over "gäng", "identitetsstöld" over "stöld", "misshandel i hemmet"
        // over "misshandel". Equal matches all stand (their cues decide between them), except that a
        // word the lexicon says names nothing wins a tie ("drog" as the past of "dra").
        private static List<Match> Longest(List<Match> matches) =>
            [.. matches.Where(m => !matches.Any(o => !ReferenceEquals(o, m) && o.Start <= m.Start && o.End >= m.End && Beats(o, m)))];

        private static bool Beats(Match o, Match m)
        {
            if (o.End - o.Start != m.End - m.Start) return o.End - o.Start > m.End - m.Start;
            if (o.Covered != m.Covered) return o.Covered > m.Covered;
            return o.Entry.Concern == ConcernLexicon.NoConcern && m.Entry.Concern != ConcernLexicon.NoConcern;
        }

        private static bool SentenceHas(List<TextToken> tokens, Match m, IReadOnlyList<LexiconWord> cues)
        {
            var sentence = tokens[m.Start].Sentence;
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Sentence != sentence || (i >= m.Start && i < m.End)) continue;
                foreach (var cue in cues)
                    if (WordMatch.Matches(tokens[i], cue, compounds: true)) return true;
            }
            return false;
        }
    }
}

internal sealed record Match(LexiconEntry Entry, int Start, int End, int Covered);
