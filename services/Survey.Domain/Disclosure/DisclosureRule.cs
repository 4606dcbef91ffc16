using Survey.Domain.Concerns;
using Survey.Domain.Surveys;

namespace Survey.Domain.Disclosure;

// The disclosure rule, stated once: in English for the API and in Swedish for pages and exports.
// The gate (DisclosureGate) is its only implementation.
public static class DisclosureRule
{
    // A count of people may be shown if it is 0 or at least the floor.
    public static bool MayShow(long count, int floor) => count == 0 || count >= floor;

    public static string English(SurveyDefinition survey)
    {
        if (survey.MinimumCellSize <= 1 && survey.MinimumCellSizeByConcern is not { Count: > 0 })
            return "The minimum cell size is 1: no figure is hidden.";
        return $"A count of people is shown only if it is 0 or at least {survey.MinimumCellSize} (the survey's minimum cell size" +
            Floors(survey, (code, floor) => $"{code}: {floor}", "; higher for ") + "). " +
            "A figure computed from counts (a share, an interval, a weighted share, a change since the previous survey, priority points, " +
            "a weight, the effective sample size) is shown only if every count under it may be shown. " +
            "Where the shown figures and the totals they add up to (breakdowns, the previous survey, the population weights, channels and days) " +
            "would let a hidden count be worked out, more figures are hidden until none can. A hidden figure is null.";
    }

    public static string Swedish(SurveyDefinition survey, string hiddenMark)
    {
        if (survey.MinimumCellSize <= 1 && survey.MinimumCellSizeByConcern is not { Count: > 0 })
            return "Minsta cellstorlek är 1: inga siffror döljs.";
        return $"Ett antal personer visas bara om det är 0 eller minst {survey.MinimumCellSize} (enkätens minsta cellstorlek" +
            Floors(survey, (code, floor) => $"{ConcernTaxonomy.SwedishLabel(code).ToLowerInvariant()}: {floor}", "; högre för ") + "). " +
            "En siffra som räknas fram ur antal (andel, intervall, vägd andel, förändring sedan förra mätningen, prioriteringspoäng, " +
            "vikt, effektiv urvalsstorlek) visas bara om alla antal bakom den får visas. " +
            "Om de visade siffrorna tillsammans med sina summor (uppdelningar, förra mätningen, befolkningsvikterna, kanaler och dagar) " +
            $"skulle låta någon räkna fram ett dolt antal, döljs fler siffror tills det inte går. En dold siffra skrivs {hiddenMark}.";
    }

    private static string Floors(SurveyDefinition survey, Func<string, int, string> format, string prefix) =>
        survey.MinimumCellSizeByConcern is { Count: > 0 } floors
            ? prefix + string.Join(", ", floors.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => format(f.Key, survey.FloorFor(f.Key))))
            : "";
}
