using Survey.Domain.Concerns;
using Survey.Domain.Ranking;

namespace Survey.Staff.Ranking;

// What the sources other than the survey say per concern, each as the value the fusion weighs (EvidenceSources.Measure),
// from figures already published: a hidden figure is null; a concern the source has nothing on has no key.
public sealed record OtherEvidence
{
    public IReadOnlyDictionary<string, double?>? Dialogues { get; init; }
    public IReadOnlyDictionary<string, double?>? FreeText { get; init; }
    public IReadOnlyDictionary<string, double?>? CrimeStatistics { get; init; }

    public static OtherEvidence None { get; } = new();
}

public sealed record EvidenceSourceView(string Source, string Label, string Measure, double Weight, string WeightParameter, bool Used, string? NotUsedBecause);

// One concern's row: its place in the fused order and the survey's, its score, and each source's part.
public sealed record EvidenceRow(string Code, string Label, int Rank, int SurveyRank, double? Score, IReadOnlyList<FusedPart> Parts);

// The evidence table behind the proposal: the weights used, what each source measures, and each source's part per concern,
// so that an analyst can say in the steering group why a concern was proposed.
public sealed record EvidenceTable(
    string Method, bool DefaultWeights, bool SurveyOnly, IReadOnlyList<EvidenceSourceView> Sources, IReadOnlyList<EvidenceRow> Rows)
{
    public const string MethodText =
        "Each source's value per concern is scaled so that the source's largest value is 1; a concern's score is the weighted mean of " +
        "the scaled values of the sources that have a figure for it (weights need not add up to 1). A dialogue or free-text figure the " +
        "disclosure gate hides counts as 0 (it is under the floor), and a concern whose survey share is hidden gets no score. With the survey as the only source used, the " +
        "order is the survey ranking's. Default weights: survey 0.6, dialogues 0.25, crime statistics 0.15, free text 0 (free text comes " +
        "from the same respondents who ticked the boxes; it is shown beside and may be given a weight).";

    public static EvidenceTable Build(IReadOnlyList<RankedConcernView> ranked, OtherEvidence other, FusionWeights weights) =>
        From(Fuse(ranked, other, weights), ranked, other);

    public static FusionResult Fuse(IReadOnlyList<RankedConcernView> ranked, OtherEvidence other, FusionWeights weights) =>
        EvidenceFusion.Fuse(ranked.Select(c => new EvidenceInput(c.Code, c.Rank, Values(c, other))).ToList(), weights);

    private static Dictionary<string, double?> Values(RankedConcernView c, OtherEvidence other)
    {
        // The figure the ranking sorts by: the weighted share where shown, else the share; none when the count is hidden.
        var values = new Dictionary<string, double?> { [EvidenceSources.Survey] = c.Suppressed ? null : c.WeightedShare ?? c.Share ?? 0 };
        void Add(string source, IReadOnlyDictionary<string, double?>? figures)
        {
            if (figures is not null && figures.TryGetValue(c.Code, out var value)) values[source] = value;
        }
        Add(EvidenceSources.Dialogues, other.Dialogues);
        Add(EvidenceSources.FreeText, other.FreeText);
        Add(EvidenceSources.CrimeStatistics, other.CrimeStatistics);
        return values;
    }

    private static EvidenceTable From(FusionResult fused, IReadOnlyList<RankedConcernView> ranked, OtherEvidence other)
    {
        var has = new Dictionary<string, bool>
        {
            [EvidenceSources.Survey] = true,
            [EvidenceSources.Dialogues] = other.Dialogues is { Count: > 0 },
            [EvidenceSources.FreeText] = other.FreeText is { Count: > 0 },
            [EvidenceSources.CrimeStatistics] = other.CrimeStatistics is { Count: > 0 },
        };
        var sources = EvidenceSources.All.Select(s => new EvidenceSourceView(
            s, EvidenceSources.Swedish(s), EvidenceSources.Measure(s), fused.Weights.Of(s), FusionWeights.Parameter(s), fused.SourcesUsed.Contains(s),
            fused.SourcesUsed.Contains(s) ? null
            : fused.Weights.Of(s) <= 0 ? "Vikten är 0."
            : !has[s] ? s switch
            {
                EvidenceSources.Dialogues => "Inga dialoger är registrerade för enkäten.",
                EvidenceSources.FreeText => "Inga fritextsvar har kodats till något av enkätens problem.",
                EvidenceSources.CrimeStatistics => "Ingen brottsstatistik med rikets siffror att jämföra med är importerad för kommunen.",
                _ => null,
            }
            : "Inga siffror som får visas.")).ToList();
        var surveyRanks = ranked.ToDictionary(c => c.Code, c => c.Rank);
        var rows = fused.Concerns.Select(f => new EvidenceRow(
            f.Code, ConcernTaxonomy.SwedishLabel(f.Code), f.Rank, surveyRanks[f.Code], f.Score, f.Parts)).ToList();
        return new EvidenceTable(MethodText, fused.Weights.IsDefault, fused.SurveyOnly, sources, rows);
    }
}
