namespace Survey.Domain.Pledges;

// What the public results page ("ni sa – vi gjorde", /s/{slug}/resultat) may show of a survey, and nothing more: every
// figure is the disclosure gate's (null: hidden), and before the survey closes there are no figures at all.
public sealed record PublicResults
{
    public required string Slug { get; init; }
    public required bool Closed { get; init; }

    // The floor, for "färre än N svarade" when the number of respondents is hidden.
    public required int MinimumCellSize { get; init; }

    // Null before close, and when the gate hides it.
    public long? Respondents { get; init; }

    // What residents raised most, in the ranking's order (a hidden concern has no share).
    public IReadOnlyList<PublicConcern> TopConcerns { get; init; } = [];

    // Null while no pledge is recorded (and before close).
    public Pledge? Pledge { get; init; }

    // The latest update per activity, and the updates about the pledge as a whole, newest first.
    public IReadOnlyList<PledgeProgress> Progress { get; init; } = [];

    // The same municipality's previous survey (the ranking's comparison survey), when it has closed.
    public PreviousResults? Previous { get; init; }
}

public sealed record PublicConcern(string Code, double? Share);

// Last pledge's focus areas then and now: each concern's share now and the change as the gate's trend publishes it.
public sealed record PreviousResults(string Slug, DateOnly PledgePeriodStart, DateOnly PledgePeriodEnd, IReadOnlyList<FocusAreaChange> FocusAreas);

public sealed record FocusAreaChange(string Concern, double? ShareThen, double? ShareNow, double? Change, bool Significant);
