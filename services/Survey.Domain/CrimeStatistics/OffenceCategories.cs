using System.Collections.Frozen;
using System.Globalization;

namespace Survey.Domain.CrimeStatistics;

public sealed record OffenceCategory(string Name, string Concern);

// Which concern each of Brå's offence categories ("Anmälda brott") is evidence for. The same table is in README.
// A category not listed here is imported and stored, but counts towards no concern, and the import's answer lists it
// under "unmapped": Brå's tables hold many categories (mord, förskingring, totals) that no concern stands for, and an
// admin should not have to edit them out. Names are matched ignoring case, spaces and a trailing ", totalt".
// The table maps parts, not their sums: a file holding both a total ("Trafikbrott") and its parts ("Rattfylleri")
// counts both, so export either the total or the parts.
public static class OffenceCategories
{
    public static IReadOnlyList<OffenceCategory> All { get; } =
    [
        new("Narkotikabrott", "narkotika"),
        new("Narkotikasmuggling", "narkotika"),
        new("Bostadsinbrott", "inbrott"),
        new("Inbrott i villa", "inbrott"),
        new("Inbrott i lägenhet", "inbrott"),
        new("Inbrott i fritidshus", "inbrott"),
        new("Misshandel i nära relation", "vald-i-nara-relation"),
        new("Grov kvinnofridskränkning", "vald-i-nara-relation"),
        new("Grov fridskränkning", "vald-i-nara-relation"),
        new("Fridskränkning", "vald-i-nara-relation"),
        new("Trafikbrott", "trafik"),
        new("Rattfylleri", "trafik"),
        new("Grovt rattfylleri", "trafik"),
        new("Olovlig körning", "trafik"),
        new("Grov olovlig körning", "trafik"),
        new("Vårdslöshet i trafik", "trafik"),
        new("Stöld", "stold"),
        new("Cykelstöld", "stold"),
        new("Bilstöld", "stold"),
        new("Butiksstöld", "stold"),
        new("Snatteri", "stold"),
        new("Fickstöld", "stold"),
        new("Stöld ur eller från motordrivet fordon", "stold"),
        new("Skadegörelse", "skadegorelse"),
        new("Klotter", "skadegorelse"),
        new("Skadegörelse genom klotter", "skadegorelse"),
        new("Nedskräpning", "nedskrapning"),
        new("Störande av allmän ordning", "ordningsstorningar"),
        new("Förargelseväckande beteende", "ordningsstorningar"),
        new("Misshandel utomhus", "vald-offentlig-miljo"),
        new("Rån", "vald-offentlig-miljo"),
        new("Personrån", "vald-offentlig-miljo"),
        new("Olaga hot", "vald-offentlig-miljo"),
        new("Bedrägeri", "bedragerier"),
        new("Bedrägeribrott", "bedragerier"),
        new("Dopningsbrott", "alkohol"),
    ];

    private static readonly FrozenDictionary<string, OffenceCategory> ByKey = All.ToFrozenDictionary(c => Key(c.Name));

    // The concern a category is evidence for, or null when the table has none.
    public static string? ConcernFor(string category) => ByKey.TryGetValue(Key(category), out var c) ? c.Concern : null;

    // The categories of one concern, as the table names them.
    public static IEnumerable<string> For(string concern) => All.Where(c => c.Concern == concern).Select(c => c.Name);

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    // How a category is compared: lower case, runs of white space (no-break spaces too) as one space, without a
    // trailing ", totalt" or " totalt". Two rows whose keys are equal are the same category.
    public static string Key(string category)
    {
        // Split(null) splits at every white space, no-break spaces included.
        var key = string.Join(' ', category.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLower(Swedish);
        foreach (var suffix in new[] { ", totalt", " totalt" })
            if (key.EndsWith(suffix, StringComparison.Ordinal)) key = key[..^suffix.Length];
        return key;
    }
}
