using System.Globalization;

namespace Survey.Domain.Ranking;

// The sources of evidence a proposal weighs, by the names the API and its query parameters use.
public static class EvidenceSources
{
    public const string Survey = "survey";
    public const string Dialogues = "dialogues";
    public const string FreeText = "freeText";
    public const string CrimeStatistics = "crimeStatistics";

    public static IReadOnlyList<string> All { get; } = [Survey, Dialogues, FreeText, CrimeStatistics];

    public static string Swedish(string source) => source switch
    {
        Survey => "Enkäten (kryssade problem)",
        Dialogues => "Dialoger och trygghetsvandringar",
        FreeText => "Nämnt i fritext",
        CrimeStatistics => "Brottsstatistik (Brå)",
        _ => source,
    };

    // The source in running Swedish text: "enkäten 0,64, dialogerna 0,29".
    public static string Definite(string source) => source switch
    {
        Survey => "enkäten",
        Dialogues => "dialogerna",
        FreeText => "fritexten",
        CrimeStatistics => "brottsstatistiken",
        _ => source,
    };

    // The source as what the proposal also weighs: "dialoger och trygghetsvandringar samt brottsstatistik från Brå".
    public static string Indefinite(string source) => source switch
    {
        Survey => "enkätsvar",
        Dialogues => "dialoger och trygghetsvandringar",
        FreeText => "fritextsvar",
        CrimeStatistics => "brottsstatistik från Brå",
        _ => source,
    };

    // What a source's value is, said beside it in every output.
    public static string Measure(string source) => source switch
    {
        Survey => "share of respondents who ticked the concern (the weighted share where one is shown)",
        Dialogues => "participants who raised the concern ÷ all participants, over the survey's dialogues",
        FreeText => "respondents whose free text mentions the concern ÷ respondents who answered the concern question",
        CrimeStatistics => "reported offences per 100,000 residents ÷ the national rate, same year (1 = as in Sweden as a whole)",
        _ => source,
    };
}

// How much each source counts. Default: the survey most; dialogues next; crime statistics a little; free text not
// at all, because those words come from the same respondents who ticked the boxes, and counting them again would
// count the same people twice (it is shown beside, and an analyst may give it a weight).
public sealed record FusionWeights(double Survey, double Dialogues, double FreeText, double CrimeStatistics)
{
    public static FusionWeights Default { get; } = new(0.6, 0.25, 0.0, 0.15);

    public const double Max = 100;

    public double Of(string source) => source switch
    {
        EvidenceSources.Survey => Survey,
        EvidenceSources.Dialogues => Dialogues,
        EvidenceSources.FreeText => FreeText,
        EvidenceSources.CrimeStatistics => CrimeStatistics,
        _ => 0,
    };

    public bool IsDefault => this == Default;

    public IReadOnlyDictionary<string, double> BySource() => EvidenceSources.All.ToDictionary(s => s, Of);

    // Each given weight replaces the default's; a weight is a number from 0 to 100 (they need not add up to 1: each
    // concern's score divides by the sum of the weights of the sources that have a figure for it). Errors name the
    // query parameter.
    public static FusionWeights From(
        string? survey, string? dialogues, string? freeText, string? crimeStatistics, IDictionary<string, string[]> errors)
    {
        double Read(string parameter, string? text, double fallback)
        {
            if (text is null) return fallback;
            if (!double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || double.IsNaN(value) || value < 0 || value > Max)
            {
                errors[parameter] = [$"'{text}' is not a weight; give a number from 0 to {Max} (e.g. 0.25)."];
                return fallback;
            }
            return value;
        }

        var weights = new FusionWeights(
            Read(Parameter(EvidenceSources.Survey), survey, Default.Survey),
            Read(Parameter(EvidenceSources.Dialogues), dialogues, Default.Dialogues),
            Read(Parameter(EvidenceSources.FreeText), freeText, Default.FreeText),
            Read(Parameter(EvidenceSources.CrimeStatistics), crimeStatistics, Default.CrimeStatistics));
        if (errors.Count == 0 && weights.Survey + weights.Dialogues + weights.FreeText + weights.CrimeStatistics <= 0)
            errors[Parameter(EvidenceSources.Survey)] = ["At least one weight must be above 0."];
        return weights;
    }

    // The query parameter that sets a source's weight: weightSurvey, weightDialogues, weightFreeText, weightCrimeStatistics.
    public static string Parameter(string source) => "weight" + char.ToUpperInvariant(source[0]) + source[1..];
}

// One concern's figure from each source that has one (a source without a figure for it has no key; a figure the
// disclosure gate hides is null and counts as 0). The survey's value is the (weighted) share the ranking sorts by.
public sealed record EvidenceInput(string Code, int SurveyRank, IReadOnlyDictionary<string, double?> Values);

// A source's part in a concern's score: its value, the value scaled so that the source's largest is 1, the weight
// and what it adds to the score (weight × scaled ÷ the sum of the weights used for this concern).
public sealed record FusedPart(string Source, double? Value, double? Scaled, double Weight, double? Contribution)
{
    // The source has a figure for the concern but the disclosure gate hides it (Value is then null).
    public bool Hidden { get; init; }
}

public sealed record FusedConcern(string Code, double? Score, int Rank, IReadOnlyList<FusedPart> Parts);

public sealed record FusionResult(FusionWeights Weights, IReadOnlyList<string> SourcesUsed, bool SurveyOnly, IReadOnlyList<FusedConcern> Concerns);

// Weighs the sources per concern into one score, so that a proposal can say how much each source moved it:
// each source's values are scaled so that its largest is 1 (a share of 40 % and a rate twice the national one are
// not on one scale; their order within the source is), and a concern's score is the weighted mean of the scaled
// values of the sources that have a figure for it (a concern no offence category maps to is not marked down for it).
// A concern whose survey figure is hidden gets no score: any score would be built on the hidden count. A hidden figure of
// another source counts as 0.
public static class EvidenceFusion
{
    public static FusionResult Fuse(IReadOnlyList<EvidenceInput> concerns, FusionWeights weights)
    {
        var max = EvidenceSources.All.ToDictionary(s => s, s => concerns
            .Select(c => c.Values.GetValueOrDefault(s))
            .Where(v => v is not null)
            .Select(v => v!.Value)
            .DefaultIfEmpty(double.NaN)
            .Max());
        var used = EvidenceSources.All.Where(s => weights.Of(s) > 0 && !double.IsNaN(max[s])).ToList();
        var surveyOnly = used.All(s => s == EvidenceSources.Survey);

        var fused = concerns.Select(c =>
        {
            var parts = EvidenceSources.All.Select(s =>
            {
                var value = c.Values.GetValueOrDefault(s);
                var hidden = value is null && c.Values.ContainsKey(s);
                // A hidden figure of another source counts as 0: it is small (under the floor), and left out it would lift the
                // concern above one whose small figure is shown. The value used is the same whatever the hidden count is.
                double? scaled = value is { } v ? (max[s] > 0 ? v / max[s] : 0) : hidden && s != EvidenceSources.Survey ? 0 : null;
                return (Source: s, Value: value, Scaled: scaled, Weight: used.Contains(s) ? weights.Of(s) : 0, Hidden: hidden);
            }).ToList();
            var surveyHidden = parts.Single(p => p.Source == EvidenceSources.Survey).Value is null;
            var counted = parts.Where(p => p.Scaled is not null && p.Weight > 0).ToList();
            var weightSum = counted.Sum(p => p.Weight);
            double? score = surveyHidden || weightSum <= 0 ? null : counted.Sum(p => p.Weight * p.Scaled!.Value) / weightSum;
            return (Input: c, Score: score, Parts: parts.Select(p => new FusedPart(
                p.Source, p.Value, p.Scaled, p.Weight,
                score is null || p.Scaled is null || p.Weight <= 0 ? null : p.Weight * p.Scaled.Value / weightSum) { Hidden = p.Hidden }).ToList());
        }).ToList();

        // With the survey alone, the order is the survey's ranking as it is (ties and hidden concerns included).
        // Otherwise: by score, equal scores by the survey's order; concerns without a score (hidden) after those with
        // one above 0, then those with 0, as the ranking does.
        var ordered = surveyOnly
            ? fused.OrderBy(f => f.Input.SurveyRank).ToList()
            : fused
                .OrderBy(f => f.Score switch { > 0 => 0, null => 1, _ => 2 })
                .ThenByDescending(f => f.Score ?? 0)
                .ThenBy(f => f.Input.SurveyRank)
                .ToList();
        var result = new List<FusedConcern>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var f = ordered[i];
            var rank = surveyOnly ? f.Input.SurveyRank
                : i > 0 && ordered[i - 1].Score == f.Score && (f.Score is null || f.Score == 0) ? result[i - 1].Rank
                : i + 1;
            result.Add(new FusedConcern(f.Input.Code, f.Score, rank, f.Parts));
        }
        return new FusionResult(weights, used, surveyOnly, result);
    }
}
