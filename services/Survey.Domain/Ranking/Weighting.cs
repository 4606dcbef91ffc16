using Survey.Domain.Surveys;

namespace Survey.Domain.Ranking;

// The answers of one age group × gender cell: how many answered the concern question, and how many named each concern.
public sealed record CellCounts(string AgeGroup, string Gender, long Answered, IReadOnlyDictionary<string, long> Counts)
{
    // Everyone in the cell, also those who left the concern question unanswered.
    public long Respondents { get; init; }
}

// One post-stratum: one age group × gender cell of the population table, or several merged
// because a cell had fewer answers than the survey's minimum cell size. Its cells are the
// population table's cells of those age groups and genders.
public sealed record Stratum(
    IReadOnlyList<string> AgeGroups, IReadOnlyList<string> Genders, long Population, double PopulationShare, long Respondents, double Weight)
{
    public bool Contains(string ageGroup, string gender) =>
        AgeGroups.Contains(ageGroup) && (Genders.Contains(gender) || Genders.Contains(Weighting.AnyGender));
}

public sealed record WeightedShare(double Share, double CiLow, double CiHigh);

public sealed record WeightingResult(
    IReadOnlyList<Stratum> Strata,
    long AnsweredOutsideTable,
    double EffectiveSampleSize,
    IReadOnlyDictionary<string, WeightedShare> Shares,
    IReadOnlyList<string> Notes);

// Post-stratification of the concern shares by age group × gender to the municipality's
// population. A respondent in cell h gets the weight (N_h / N) · n / n_h, with n the answers
// inside the population table, so the weights sum to n and each cell counts as much as its
// share of the population. Answers outside the table (gender "annat", or age or gender not given)
// keep the weight 1. A cell with fewer answers than the minimum cell size is merged with the
// other genders of its age group, and an age group still too small with the neighbouring one.
// The interval is Wilson's, over Kish's effective sample size (Σw)² / Σw².
// What of this may be published is the disclosure gate's decision, not this method's.
public static class Weighting
{
    // The gender of strata by age group alone: every gender, also none given.
    public const string AnyGender = "*";

    // The same post-stratification by age group alone: each age group's answers of every gender (also
    // none given) against the age group's population, so the answers per stratum are the age breakdown's own.
    public static WeightingResult? ComputeByAge(
        SurveyDefinition survey, IReadOnlyList<CellCounts> ageGroups, long answered, IReadOnlyDictionary<string, long> totalCounts)
    {
        if (survey.Population is not { Count: > 0 } population) return null;
        var byAge = survey with
        {
            Population = population.GroupBy(p => p.AgeGroup).Select(g => new PopulationCell(g.Key, AnyGender, g.Sum(p => p.Population))).ToList(),
            Genders = [AnyGender],
        };
        return Compute(byAge, ageGroups.Select(c => c with { Gender = AnyGender }).ToList(), answered, totalCounts);
    }

    public static WeightingResult? Compute(
        SurveyDefinition survey, IReadOnlyList<CellCounts> cells, long answered, IReadOnlyDictionary<string, long> totalCounts)
    {
        if (survey.Population is not { Count: > 0 } population || answered == 0) return null;
        var minimum = Math.Max(1, survey.MinimumCellSize);
        var counts = cells.ToDictionary(c => (c.AgeGroup, c.Gender));
        CellCounts Cell(PopulationCell p) => counts.GetValueOrDefault((p.AgeGroup, p.Gender)) ?? new(p.AgeGroup, p.Gender, 0, new Dictionary<string, long>());

        // Blocks of consecutive age groups; a block of one age group whose every cell is large enough keeps its genders apart.
        var blocks = survey.AgeGroups
            .Select(age => population.Where(p => p.AgeGroup == age).ToList())
            .Where(ps => ps.Count > 0)
            .Select(ps => new Block(ps, SplitByGender: ps.All(p => Cell(p).Answered >= minimum)))
            .ToList();
        var notes = new List<string>();
        while (blocks.Count > 1 && blocks.FindIndex(b => Answered(b) < minimum) is var small and >= 0)
        {
            var neighbour = small == 0 ? 1
                : small == blocks.Count - 1 ? small - 1
                : Answered(blocks[small - 1]) <= Answered(blocks[small + 1]) ? small - 1 : small + 1;
            var (first, second) = (Math.Min(small, neighbour), Math.Max(small, neighbour));
            blocks[first] = new Block([.. blocks[first].Cells, .. blocks[second].Cells], SplitByGender: false);
            blocks.RemoveAt(second);
        }
        if (blocks.Count == 0 || Answered(blocks[0]) < minimum)
            return null;

        long Answered(Block b) => b.Cells.Sum(p => Cell(p).Answered);

        var strata = blocks
            .SelectMany(b => b.SplitByGender ? b.Cells.Select(c => (IReadOnlyList<PopulationCell>)[c]) : [b.Cells])
            .Select(cs => (Cells: cs, Population: cs.Sum(c => c.Population), Answered: cs.Sum(c => Cell(c).Answered)))
            .ToList();
        var populationTotal = (double)strata.Sum(s => s.Population);
        var inside = strata.Sum(s => s.Answered);
        var outside = answered - inside;
        var weights = strata.Select(s => s.Population / populationTotal * inside / s.Answered).ToList();

        // Σ n_h w_h = inside, so the weights of all answers sum to `answered`.
        var sumOfSquares = strata.Select((s, i) => s.Answered * weights[i] * weights[i]).Sum() + outside;
        var effective = (double)answered * answered / sumOfSquares;

        var shares = totalCounts.ToDictionary(t => t.Key, t =>
        {
            var insideCount = 0.0;
            long insideRaw = 0;
            for (var i = 0; i < strata.Count; i++)
            {
                var x = strata[i].Cells.Sum(c => Cell(c).Counts.GetValueOrDefault(t.Key));
                insideCount += weights[i] * x;
                insideRaw += x;
            }
            var share = (insideCount + (t.Value - insideRaw)) / answered;
            var interval = WilsonInterval.ForShare(share, effective);
            return new WeightedShare(share, interval.Low, interval.High);
        });

        if (strata.Any(s => s.Cells.Count > 1))
            notes.Add($"Grupper med färre än {minimum} svar har slagits ihop med närliggande grupper innan vikterna räknades.");
        if (outside > 0)
            notes.Add("Svar utan ålder eller kön, eller med ett kön som befolkningstabellen saknar, har vikten 1.");

        return new WeightingResult(
            strata.Select((s, i) => new Stratum(
                s.Cells.Select(c => c.AgeGroup).Distinct().ToList(),
                s.Cells.Select(c => c.Gender).Distinct().ToList(),
                s.Population,
                s.Population / populationTotal,
                s.Answered,
                weights[i])).ToList(),
            outside,
            effective,
            shares,
            notes);
    }

    private sealed record Block(IReadOnlyList<PopulationCell> Cells, bool SplitByGender);
}
