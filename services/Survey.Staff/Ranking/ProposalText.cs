using System.Globalization;
using System.Text;
using Survey.Domain.Ranking;

namespace Survey.Staff.Ranking;

// One proposed focus area with a Swedish rationale that cites the (suppressed) figures.
public sealed record ProposedFocusArea(string Code, string Label, int Rank, string Rationale);

// The proposal: the top concerns, why, and a draft medborgarlöfte for the analyst to copy and edit.
public sealed record Proposal(IReadOnlyList<ProposedFocusArea> FocusAreas, string DraftPledge);

// Writes the proposal in Swedish from the figures staff are allowed to see: only shown (not
// suppressed) counts and shares, so the text can never reveal more than the table beside it.
public static class ProposalText
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static Proposal Write(RankingResponse ranking, Breakdown? areas)
    {
        var concerns = ranking.Concerns.ToDictionary(c => c.Code);
        var items = ranking.FocusAreas
            .Select(f => (Focus: f, Concern: concerns[f.Code]))
            .Select(x => new ProposedFocusArea(x.Concern.Code, x.Concern.Label, x.Focus.Rank,
                Rationale(ranking, x.Concern, concerns, areas) + EvidenceRationale(ranking.Evidence, x.Concern.Code)))
            .ToList();
        return new Proposal(items, DraftPledge(ranking, items.Select(i => concerns[i.Code]).ToList()));
    }

    private static string Rationale(
        RankingResponse ranking, RankedConcernView c, IReadOnlyDictionary<string, RankedConcernView> all, Breakdown? areas)
    {
        var text = new StringBuilder();
        text.Append($"{c.Label}: {Percent(c.Share)} ({Range(c.CiLow, c.CiHigh)}) av {Number(ranking.AnsweredConcerns ?? 0)} svarande");
        if (c.Trend is { } trend)
        {
            var points = (int)Math.Round(trend.Change * 100, MidpointRounding.AwayFromZero);
            // A change of method is said where the change is: "(2036, metodbyte)".
            var since = ranking.PreviousSurvey is { } p
                ? $"sedan förra mätningen ({Period(p.PledgePeriodStart, p.PledgePeriodEnd)}{(p.MethodChange is null ? "" : ", metodbyte")})"
                : "sedan förra mätningen";
            text.Append(trend.Significant switch
            {
                true when points > 0 => $", upp {points} {Unit(points)} {since}",
                true when points < 0 => $", ned {-points} {Unit(points)} {since}",
                _ => $", ingen säker förändring {since}: {SignedPoints(points)} {Unit(points)}, inom felmarginalen",
            });
        }
        text.Append('.');
        if (c.WeightedShare is { } weighted)
            text.Append($" Vägt efter ålder och kön: {Percent(weighted)} ({Range(c.WeightedCiLow, c.WeightedCiHigh)}).");
        if (c.PriorityPoints is { } priority and > 0)
            text.Append($" {Number(priority)} prioriteringspoäng.");
        var tied = c.StatisticallyTiedWith.Where(all.ContainsKey).Select(t => all[t].Label).ToList();
        if (tied.Count > 0)
            text.Append($" Skillnaden mot {Join(tied)} ryms i felmarginalen.");
        if (areas is not null)
        {
            var shown = areas.Groups
                .Where(g => g.Value is not null)
                .Select(g => (g.Label, Figure: g.Concerns.Single(x => x.Code == c.Code)))
                .Where(g => g.Figure.Share is not null)
                .OrderByDescending(g => g.Figure.Share)
                .ToList();
            // "Störst andel i Töre (0 %)" says nothing: only where the concern was named.
            if (shown.Count >= 2 && shown[0].Figure.Share > 0)
                text.Append($" Störst andel i {shown[0].Label} ({Percent(shown[0].Figure.Share)}).");
        }
        return text.ToString();
    }

    // What the other sources add, when they were weighed in: the score, each source's part, and what each source says in words.
    private static string EvidenceRationale(EvidenceTable? evidence, string code)
    {
        if (evidence is not { SurveyOnly: false } || evidence.Rows.FirstOrDefault(r => r.Code == code) is not { Score: { } score } row) return "";
        var used = row.Parts.Where(p => p.Contribution is not null).ToList();
        var text = new StringBuilder($" I det samlade underlaget får det {Decimal(score, "0.00")} av 1 (");
        text.Append(string.Join(", ", used.Select(p => $"{EvidenceSources.Definite(p.Source)} {Decimal(p.Contribution!.Value, "0.00")}")));
        text.Append(").");
        foreach (var part in used.Where(p => p.Source != EvidenceSources.Survey && p.Value is not null))
            text.Append(part.Source switch
            {
                EvidenceSources.Dialogues => $" I dialoger och trygghetsvandringar tog {Percent(part.Value)} av deltagarna upp det.",
                EvidenceSources.FreeText => $" Nämnt i fritext av {Percent(part.Value)} av de svarande.",
                EvidenceSources.CrimeStatistics => $" Anmälda brott per invånare: {Decimal(part.Value!.Value, "0.0")} gånger rikets nivå.",
                _ => "",
            });
        return text.ToString();
    }

    private static string Decimal(double value, string format) => value.ToString(format, Swedish);

    private static string DraftPledge(RankingResponse ranking, IReadOnlyList<RankedConcernView> focus)
    {
        var municipality = Genitive(ranking.Municipality.Name) + " kommun";
        var period = Period(ranking.PledgePeriodStart, ranking.PledgePeriodEnd);
        var names = focus.Select(f => f.Label.ToLower(Swedish)).ToList();
        var text = new StringBuilder();
        text.AppendLine($"Medborgarlöfte {period} för {municipality} och Polisen");
        text.AppendLine();
        if (focus.Count == 0)
        {
            text.AppendLine("[Enkäten ger ännu inget underlag för fokusområden. Skriv in de områden ni väljer.]");
            return text.ToString();
        }
        text.AppendLine($"{municipality} och Polisen lovar att under {period} arbeta tillsammans mot {Join(names, "samt")}.");
        text.AppendLine();
        var named = Join(focus.Select(f => $"{f.Label.ToLower(Swedish)} ({Percent(f.Share)})").ToList(), "samt");
        // Weighed with other sources, the focus areas need not be the ones most residents ticked: say only what is so.
        text.AppendLine($"Varför: I enkäten Var med och påverka svarade {Number(ranking.Respondents ?? 0)} invånare. " +
            (ranking.Evidence is { SurveyOnly: false }
                ? $"Andelen som pekade ut dem som problem där de bor: {Join(focus.Select(f => $"{f.Label.ToLower(Swedish)} {Percent(f.Share)}").ToList())}."
                : $"Flest pekade ut {named} som problem där de bor."));
        if (ranking.Evidence is { SurveyOnly: false } evidence)
            text.AppendLine($"Underlaget väger också in {Join(evidence.Sources.Where(s => s.Used && s.Source != EvidenceSources.Survey).Select(s => EvidenceSources.Indefinite(s.Source)).ToList(), "samt")}.");
        text.AppendLine();
        text.AppendLine("Det här lovar vi:");
        foreach (var f in focus)
            text.AppendLine($"• {f.Label}: [en aktivitet som går att räkna, t.ex. minst två trygghetsvandringar eller minst tre insatser per kvartal]");
        text.AppendLine();
        text.AppendLine("Vi följer upp löftet varje kvartal och berättar för invånarna vad vi har gjort.");
        text.AppendLine();
        text.AppendLine($"{ranking.Municipality.Name}, [datum]");
        text.AppendLine("[Namn], kommunstyrelsens ordförande");
        text.AppendLine("[Namn], lokalpolisområdeschef");
        return text.ToString();
    }

    // "Nordanstigs kommun", but "Kalix kommun" and "Bromölla kommun": no s after a vowel, s, x or z.
    public static string Genitive(string name) =>
        "aeiouyåäösxz".Contains(char.ToLowerInvariant(name[^1])) ? name : name + "s";

    public static string Period(DateOnly start, DateOnly end) =>
        start.Year == end.Year ? start.Year.ToString(CultureInfo.InvariantCulture) : $"{start.Year}–{end.Year}";

    public static string Percent(double? share) =>
        share is { } s ? Math.Round(s * 100, MidpointRounding.AwayFromZero).ToString("0", Swedish) + " %" : "–";

    // "38–44 %"; a dash when the interval is hidden.
    public static string Range(double? low, double? high) =>
        low is { } l && high is { } h
            ? $"{Math.Round(l * 100, MidpointRounding.AwayFromZero).ToString("0", Swedish)}–{Math.Round(h * 100, MidpointRounding.AwayFromZero).ToString("0", Swedish)} %"
            : "–";

    // Thousands grouped with a space, as in "1 012".
    public static string Number(long n) => n.ToString("#,0", Swedish).Replace('\u00A0', ' ');

    private static string Unit(int points) => Math.Abs(points) == 1 ? "procentenhet" : "procentenheter";

    // Percentage points with their sign: "+6", "−3", "0".
    public static string SignedPoints(int points) => points switch { > 0 => $"+{points}", < 0 => $"−{-points}", _ => "0" };

    private static string Join(IReadOnlyList<string> items, string and = "och") => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + $" {and} " + items[^1],
    };
}
