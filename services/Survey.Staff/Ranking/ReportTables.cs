using Survey.Domain.Disclosure;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Staff.Ranking;

public enum CellKind { Empty, Text, Count, Share, Number, Hidden }

// One cell of an exported table. Hidden is a figure withheld by small-cell suppression.
public readonly record struct ReportCell(CellKind Kind, string? Text = null, double Number = 0)
{
    public static readonly ReportCell Empty = new(CellKind.Empty);
    public static readonly ReportCell Hidden = new(CellKind.Hidden);

    public static ReportCell Of(string? text) => text is null ? Empty : new(CellKind.Text, text);
    public static ReportCell Count(long? n, bool hidden = false) => hidden ? Hidden : n is { } v ? new(CellKind.Count, Number: v) : Empty;
    public static ReportCell Share(double? p, bool hidden = false) => hidden ? Hidden : p is { } v ? new(CellKind.Share, Number: v) : Empty;
    public static ReportCell Figure(double? x) => x is { } v ? new(CellKind.Number, Number: v) : Empty;
}

public sealed record ReportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportCell>> Rows);

// The ranking as tables in Swedish, built only from the suppressed views (RankedConcernView,
// Breakdown): CSV and Excel write these same tables, so no export can show what the API hides.
public static class ReportTables
{
    // How exports mark a suppressed figure (SCB writes ".." for a figure not shown).
    public const string HiddenMark = "..";

    private static readonly System.Globalization.CultureInfo Swedish = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static string BreakdownName(string by) => by switch
    {
        Dimensions.Area => "Område",
        Dimensions.AgeGroup => "Åldersgrupp",
        Dimensions.Gender => "Kön",
        Dimensions.Channel => "Kanal",
        _ => by,
    };

    // A stratum's genders as they read: "kvinna, man", or "alla" when the stratum is a whole age group.
    public static string Genders(IReadOnlyList<string> genders) =>
        genders.Contains(Survey.Domain.Ranking.Weighting.AnyGender) ? "alla" : string.Join(", ", genders);

    // The disclosure rule in Swedish, as pages and exports state it.
    public static string SuppressionRule(SurveyDefinition survey) => DisclosureRule.Swedish(survey, HiddenMark);

    public static string GeneratedAt(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Stockholm).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " (svensk tid)";

    // What every export states first: survey, municipality, period, respondents, time and rule.
    public static ReportTable About(RankingResponse r, SurveyDefinition survey)
    {
        var rows = new List<IReadOnlyList<ReportCell>>
        {
            Pair("Enkät", survey.Title is { Length: > 0 } title ? title : r.Survey),
            Pair("Enkätens kod", r.Survey),
            Pair("Kommun", $"{r.Municipality.Name} ({r.Municipality.Code})"),
            Pair("Löftesperiod", $"{r.PledgePeriodStart:yyyy-MM-dd} – {r.PledgePeriodEnd:yyyy-MM-dd}"),
            Row(ReportCell.Of("Svarande"), ReportCell.Count(r.Respondents, r.Respondents is null)),
            Row(ReportCell.Of("Svarade på frågan om problem"), ReportCell.Count(r.AnsweredConcerns, r.AnsweredConcerns is null)),
            Pair("Skapad", GeneratedAt(r.GeneratedAt)),
            Pair("Röjandeskydd", SuppressionRule(survey)),
            Pair("Intervall", "95 % konfidensintervall (Wilson). Förändring: Newcombes intervall för skillnaden mellan två andelar."),
        };
        if (r.PreviousSurvey is { } p)
            rows.Add(Pair("Jämförs med", $"{p.Slug} ({p.PledgePeriodStart:yyyy-MM-dd} – {p.PledgePeriodEnd:yyyy-MM-dd}), " +
                (p.Respondents is { } n ? $"{n} svarande" : $"färre än {survey.MinimumCellSize} svarande")));
        if (r.Weighting is { } w)
            rows.Add(Pair("Vägning", $"Efterstratifierad efter ålder × kön mot befolkningen{(w.PopulationSource is { } s ? $" ({s})" : "")}; " +
                $"effektiv urvalsstorlek {w.EffectiveSampleSize:0}. Vikterna står på fliken Vikter."));
        if (r.Evidence is { } e)
            rows.Add(Pair("Förslagets underlag", string.Join("; ", e.Sources.Select(x =>
                    $"{x.Label} vikt {x.Weight.ToString("0.###", Swedish)}{(x.Used ? "" : $" (vägs inte in: {x.NotUsedBecause?.TrimEnd('.').ToLower(Swedish)})")}")) +
                (e.SurveyOnly ? ". Bara enkäten vägs in: förslaget är enkätens rangordning." : ". Varje källas del per problem står i tabellen Underlag (fliken i Excel, evidence i JSON).")));
        if (r.CrimeStatistics is { } crime)
            rows.Add(Pair("Brottsstatistik", $"{crime.Source}, år {crime.Year}. {crime.Note}"));
        foreach (var warning in r.Warnings) rows.Add(Pair("Varning", warning));
        return new ReportTable("Om rapporten", ["Uppgift", "Värde"], rows);

        static IReadOnlyList<ReportCell> Pair(string key, string value) => [ReportCell.Of(key), ReportCell.Of(value)];
        static IReadOnlyList<ReportCell> Row(params ReportCell[] cells) => cells;
    }

    public static ReportTable Ranking(RankingResponse r)
    {
        var labels = r.Concerns.ToDictionary(c => c.Code, c => c.Label);
        return new ReportTable("Rangordning",
            ["Rang", "Kod", "Problem", "Antal", "Andel", "Andel, nedre gräns", "Andel, övre gräns",
             "Vägd andel", "Vägd, nedre gräns", "Vägd, övre gräns", "Prioriteringspoäng",
             "Förändring", "Förändring, nedre gräns", "Förändring, övre gräns", "Säker förändring", "Statistiskt likvärdig med", "Dold",
             "Nämnt i fritext"],
            r.Concerns.Select(c => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Count(c.Rank), ReportCell.Of(c.Code), ReportCell.Of(c.Label),
                ReportCell.Count(c.Count, c.Suppressed), ReportCell.Share(c.Share, c.Suppressed),
                ReportCell.Share(c.CiLow, c.Suppressed), ReportCell.Share(c.CiHigh, c.Suppressed),
                WeightedOrHidden(r, c, c.WeightedShare), WeightedOrHidden(r, c, c.WeightedCiLow), WeightedOrHidden(r, c, c.WeightedCiHigh),
                ReportCell.Count(c.PriorityPoints, c.PriorityPoints is null),
                TrendOrHidden(r, c, c.Trend?.Change), TrendOrHidden(r, c, c.Trend?.ChangeLow), TrendOrHidden(r, c, c.Trend?.ChangeHigh),
                r.PreviousSurvey is null ? ReportCell.Empty
                    : c.Suppressed ? ReportCell.Hidden : ReportCell.Of(c.Trend is null ? null : c.Trend.Significant ? "ja" : "nej"),
                ReportCell.Of(string.Join(", ", c.StatisticallyTiedWith.Select(t => labels.GetValueOrDefault(t, t)))),
                ReportCell.Of(c.Suppressed ? "ja" : "nej"),
                ReportCell.Count(c.MentionedInFreeText, c.MentionedInFreeText is null),
            ]).ToList());
    }

    // With weights, every concern has a weighted share unless the disclosure gate hides it.
    private static ReportCell WeightedOrHidden(RankingResponse r, RankedConcernView c, double? value) =>
        r.Weighting is null ? ReportCell.Empty : ReportCell.Share(value, value is null);

    private static ReportCell TrendOrHidden(RankingResponse r, RankedConcernView c, double? value) =>
        r.PreviousSurvey is null ? ReportCell.Empty : ReportCell.Share(value, c.Suppressed);

    // A breakdown in long form (a row per group and concern), ready for a pivot table.
    public static ReportTable Breakdown(RankingResponse r, Breakdown b)
    {
        var labels = r.Concerns.ToDictionary(c => c.Code, c => c.Label);
        return new ReportTable(BreakdownName(b.By),
            [BreakdownName(b.By), "Kod", "Svarande i gruppen", "Svarade på frågan", "Problem", "Problemkod", "Antal", "Andel", "Andel, nedre gräns", "Andel, övre gräns"],
            b.Groups.SelectMany(g => g.Concerns.Select(c => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Of(g.Label), ReportCell.Of(g.Value ?? ""),
                ReportCell.Count(g.Respondents, g.Respondents is null), ReportCell.Count(g.Answered, g.Answered is null),
                ReportCell.Of(labels.GetValueOrDefault(c.Code, c.Code)), ReportCell.Of(c.Code),
                ReportCell.Count(c.Count, c.Count is null), ReportCell.Share(c.Share, c.Count is null),
                ReportCell.Share(c.CiLow, c.Count is null), ReportCell.Share(c.CiHigh, c.Count is null),
            ])).ToList());
    }

    // Brå's reported offences per concern (official statistics, not answers: nothing here is suppressed), with the source.
    public static ReportTable? CrimeStatistics(RankingResponse r) => r.CrimeStatistics is not { } crime ? null : new ReportTable("Brottsstatistik",
        ["Problemkod", "Problem", "Brottskategorier", "År", "Anmälda brott", $"Anmälda brott per 100 000 inv. ({crime.Year})",
         $"Per 100 000 inv. ({crime.PreviousYear})", $"Förändring från {crime.PreviousYear} (per 100 000 inv.)", $"Förändring från {crime.PreviousYear} (%)",
         $"Riket per 100 000 inv. ({crime.Year})", "Kvot mot riket", "Källa"],
        crime.Concerns.Select(c => (IReadOnlyList<ReportCell>)
        [
            ReportCell.Of(c.Code), ReportCell.Of(c.Label), ReportCell.Of(string.Join(", ", c.Categories)), ReportCell.Count(crime.Year),
            ReportCell.Count(c.Count), ReportCell.Figure(c.RatePer100k), ReportCell.Figure(c.PreviousRatePer100k), ReportCell.Figure(c.Change),
            ReportCell.Figure(c.ChangePercent), ReportCell.Figure(c.NationalRatePer100k), ReportCell.Figure(c.RatioToNational), ReportCell.Of(crime.Source),
        ]).ToList());

    public static ReportTable Proposal(RankingResponse r) => new("Förslag",
        ["Rang", "Fokusområde", "Motivering"],
        [
            .. (r.Proposal?.FocusAreas ?? []).Select(f => (IReadOnlyList<ReportCell>)
                [ReportCell.Count(f.Rank), ReportCell.Of(f.Label), ReportCell.Of(f.Rationale)]),
            [ReportCell.Empty, ReportCell.Of("Utkast till medborgarlöfte"), ReportCell.Of(r.Proposal?.DraftPledge)],
        ]);

    // The evidence table: per concern its place in the proposal and in the survey, its score, and per source the value,
    // the value scaled to the source's largest, the weight and what it adds to the score (".." where the gate hides it).
    public static ReportTable? Evidence(RankingResponse r) => r.Evidence is not { } e ? null : new ReportTable("Underlag",
        [
            "Rang i förslaget", "Rang i enkäten", "Kod", "Problem", "Samlat värde",
            .. e.Sources.SelectMany(x => new[] { $"{x.Label}: värde", $"{x.Label}: skalat", $"{x.Label}: vikt", $"{x.Label}: bidrag" }),
        ],
        e.Rows.Select(row => (IReadOnlyList<ReportCell>)
        [
            ReportCell.Count(row.Rank), ReportCell.Count(row.SurveyRank), ReportCell.Of(row.Code), ReportCell.Of(row.Label),
            row.Score is null ? ReportCell.Hidden : ReportCell.Figure(row.Score),
            .. row.Parts.SelectMany(p => new[]
            {
                p.Hidden ? ReportCell.Hidden : p.Source == Survey.Domain.Ranking.EvidenceSources.CrimeStatistics ? ReportCell.Figure(p.Value) : ReportCell.Share(p.Value),
                p.Hidden ? ReportCell.Hidden : ReportCell.Figure(p.Scaled),
                ReportCell.Figure(p.Weight),
                ReportCell.Figure(p.Contribution),
            }),
        ]).ToList());

    // The survey's own questions, one row per option or scale step (and a row for the scale's mean), then the comparison with
    // the previous survey: its share (or mean), the change with its interval, how many answered then, and the note that says
    // "metodbyte" or why there is no comparison.
    public static ReportTable Questions(IReadOnlyList<QuestionResultView> questions) => new("Egna frågor",
        ["Fråga", "Svar", "Antal", "Andel", "Andel, nedre (95 %)", "Andel, övre (95 %)", "Svarade på frågan",
         "Förra mätningen", "Förändring", "Förändring, nedre gräns", "Förändring, övre gräns", "Svarade förra mätningen", "Jämförelse"],
        [
            .. questions.SelectMany(q => q.Values.Count == 0
                ? [[ReportCell.Of(Wording(q)), ReportCell.Of("(fritext, visas inte)"), ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty,
                    ReportCell.Count(q.Answered, q.Answered is null), .. Comparison(q, null, null)]]
                : q.Values.Select(v => (IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(Wording(q)), ReportCell.Of(v.Label), ReportCell.Count(v.Count, v.Hidden),
                    ReportCell.Share(v.Share, v.Hidden), ReportCell.Share(v.CiLow, v.Hidden), ReportCell.Share(v.CiHigh, v.Hidden),
                    ReportCell.Count(q.Answered, q.Answered is null), .. Comparison(q, v, null),
                ]).Concat(q.Type != Survey.Domain.Questions.QuestionTypes.Scale ? [] : [(IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(Wording(q)), ReportCell.Of("Medelvärde (1–5)"), q.Mean is null && q.Values.Any(v => v.Hidden) ? ReportCell.Hidden : ReportCell.Figure(q.Mean?.Mean),
                    ReportCell.Empty, ReportCell.Figure(q.Mean?.CiLow), ReportCell.Figure(q.Mean?.CiHigh), ReportCell.Count(q.Answered, q.Answered is null),
                    .. Comparison(q, null, q.Comparison is { Compared: true } c ? (c.PreviousMean is { } m ? ReportCell.Figure(m.Mean) : ReportCell.Hidden) : ReportCell.Empty),
                ]])),
        ]);

    // The comparison columns of a row: a value's share then and its change (".." where the gate hides one, empty where the
    // previous survey had no such value or there is no comparison), or the mean then.
    private static IEnumerable<ReportCell> Comparison(QuestionResultView q, QuestionValueView? v, ReportCell? meanThen)
    {
        var compared = q.Comparison is { Compared: true };
        ReportCell Change(double? x) => v is null || !compared ? ReportCell.Empty : v.TrendHidden ? ReportCell.Hidden : ReportCell.Share(x);
        return
        [
            meanThen ?? Change(v?.Trend?.PreviousShare),
            Change(v?.Trend?.Change), Change(v?.Trend?.ChangeLow), Change(v?.Trend?.ChangeHigh),
            compared ? ReportCell.Count(q.Comparison!.PreviousAnswered, q.Comparison.PreviousAnswered is null) : ReportCell.Empty,
            ReportCell.Of(q.Comparison?.Note),
        ];
    }

    private static string Wording(QuestionResultView q) => q.Label.GetValueOrDefault("sv") ?? q.Code;

    public static ReportTable? Weights(RankingResponse r) => r.Weighting is not { } w ? null : new ReportTable("Vikter",
        ["Åldersgrupper", "Kön", "Befolkning", "Andel av befolkningen", "Svarande", "Vikt"],
        [
            .. w.Strata.Select(s => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Of(string.Join(", ", s.AgeGroups)), ReportCell.Of(Genders(s.Genders)),
                ReportCell.Count(s.Population), ReportCell.Share(s.PopulationShare),
                ReportCell.Count(s.Respondents), ReportCell.Figure(s.Weight),
            ]),
            [ReportCell.Of("Utanför tabellen"), ReportCell.Empty, ReportCell.Empty, ReportCell.Empty,
                ReportCell.Count(w.AnsweredOutsideTable), ReportCell.Figure(1)],
            [ReportCell.Of("Effektiv urvalsstorlek (Kish)"), ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Figure(w.EffectiveSampleSize), ReportCell.Empty],
        ]);
}
