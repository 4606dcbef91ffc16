namespace Survey.Domain.FreeText;

// Whether a concern named in a sentence is denied: "inga problem med inbrott", "aldrig sett någon
// langning", "knark är inget problem", "klotter har vi inte". Only filler words may stand between
// the negation and the concern, so "vågar inte gå förbi gängen" still names the gangs, and
// "inbrotten har inte minskat" still names burglary (a word other than filler follows the negation).
internal static class Negation
{
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "inga", "inget", "ingen", "inte", "aldrig", "ej", "icke", "knappt", "sällan", "ingenting", "inge", "int", "nä", "nej",
    };

    // What may stand between a negation and the concern after it.
    private static readonly HashSet<string> Before = new(StringComparer.Ordinal)
    {
        "några", "någon", "något", "nån", "nåt", "nåra", "problem", "problemet", "problemen", "med", "sett", "märkt", "hört", "upplevt",
        "varit", "haft", "har", "hade", "drabbats", "drabbad", "drabbade", "av", "för", "det", "är", "finns", "fanns", "vi", "jag", "man",
        "direkt", "så", "mycket", "större", "stora", "stort", "speciellt", "särskilt", "speciella", "alls", "egentligen", "heller", "här",
        "längre", "märkbart", "känt", "till", "om", "oro", "orolig", "oroar", "mig", "oss", "sig", "ser", "såg", "märker", "märks",
        "upplever", "mer", "i", "området", "kvarteret", "byn", "hos", "vår", "våra", "gatan", "sett", "ens", "nämnvärt", "nämnvärda",
        "vad", "vet", "jag", "känner", "tills", "nu", "ännu", "någonsin", "själv", "på", "senaste", "tiden", "året", "åren", "längre",
    };

    // What may stand between the concern and a negation after it ("knark är inget problem").
    private static readonly HashSet<string> Between = new(StringComparer.Ordinal)
    {
        "är", "var", "har", "hade", "vi", "jag", "det", "finns", "fanns", "förekommer", "förekom", "märks", "syns", "sett", "man", "här",
        "hos", "oss", "så", "ju", "nog", "egentligen", "i", "området", "kvarteret", "byn", "ser", "märker", "upplever", "blivit", "varit",
    };

    // What may follow that negation to the end of the clause.
    private static readonly HashSet<string> After = new(StringComparer.Ordinal)
    {
        "problem", "problemet", "något", "några", "någon", "nåt", "nån", "ett", "en", "stort", "större", "speciellt", "särskilt", "här", "längre",
        "alls", "direkt", "hos", "oss", "av", "heller", "sett", "märkt", "mycket", "så", "vad", "jag", "vet", "vi", "har", "hört", "det", "i",
        "området", "kvarteret", "byn", "stor", "grej", "haft", "upplevt", "varit", "sett", "märkt", "märkbart", "nämnvärt", "längre", "på", "senare", "tid", "år", "längre", "oro", "att", "tala", "om",
    };

    private static readonly HashSet<string> Joiners = new(StringComparer.Ordinal) { "och", "eller", "samt", "som", "typ" };

    public static bool Denies(List<TextToken> tokens, int start, int end, List<Match> matches)
    {
        var sentence = tokens[start].Sentence;
        bool InOtherMatch(int i) => matches.Any(m => i >= m.Start && i < m.End && (m.Start != start || m.End != end));

        // Before: back over filler, joiners and the other concerns of a list.
        var filler = 0;
        for (var i = start - 1; i >= 0 && tokens[i].Sentence == sentence; i--)
        {
            var t = tokens[i].Text;
            if (Negations.Contains(t)) return true;
            if (Joiners.Contains(t) || InOtherMatch(i)) continue;
            if (!Before.Contains(t) || ++filler > 5) break;
        }

        // After: filler up to a negation, then only filler to the end of the clause.
        var j = end;
        for (var k = 0; j < tokens.Count && tokens[j].Sentence == sentence && !tokens[j].AfterComma; j++)
        {
            var t = tokens[j].Text;
            if (Negations.Contains(t)) break;
            if (Joiners.Contains(t) || InOtherMatch(j)) continue;
            if (!Between.Contains(t) || ++k > 3) return false;
        }
        if (j >= tokens.Count || tokens[j].Sentence != sentence || tokens[j].AfterComma || !Negations.Contains(tokens[j].Text)) return false;
        for (j++; j < tokens.Count && tokens[j].Sentence == sentence && !tokens[j].AfterComma; j++)
            if (!After.Contains(tokens[j].Text)) return false;
        return true;
    }
}
