using System.Collections.Frozen;

namespace Survey.Domain.Concerns;

public sealed record Concern(string Code, string Swedish, string English);

// The concerns a survey can ask about. Codes are stable identifiers stored in responses and
// tallies: add new ones, never rename.
public static class ConcernTaxonomy
{
    public static IReadOnlyList<Concern> All { get; } =
    [
        new("narkotika", "Narkotika och droger", "Drugs"),
        new("inbrott", "Inbrott", "Burglary"),
        new("vald-i-nara-relation", "Våld i nära relation", "Domestic violence"),
        new("trafik", "Trafiksäkerhet", "Road safety"),
        new("stold", "Stölder", "Theft"),
        new("skadegorelse", "Skadegörelse och klotter", "Vandalism"),
        new("nedskrapning", "Nedskräpning", "Littering"),
        new("ordningsstorningar", "Bråk och stök", "Disorder"),
        new("vald-offentlig-miljo", "Våld och hot på allmän plats", "Violence in public"),
        new("kriminella-natverk", "Kriminella nätverk", "Organised crime"),
        new("unga-i-riskzon", "Barn och unga i riskzon", "Youth at risk"),
        new("bedragerier", "Bedrägerier", "Fraud"),
        new("alkohol", "Alkohol, tobak och spel", "Alcohol, tobacco, gambling"),
        new("extremism", "Våldsbejakande extremism", "Violent extremism"),
        new("otrygga-platser", "Otrygga platser", "Unsafe places"),
        new("polisnarvaro", "Polisens närvaro", "Police presence"),
    ];

    private static readonly FrozenDictionary<string, Concern> ByCode = All.ToFrozenDictionary(c => c.Code);

    public static bool TryGet(string code, out Concern concern) => ByCode.TryGetValue(code, out concern!);

    public static string SwedishLabel(string code) => ByCode.TryGetValue(code, out var c) ? c.Swedish : code;
}
