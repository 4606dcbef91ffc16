using Survey.Domain.Questions;

namespace Survey.Domain.Surveys;

public sealed record Option(string Code, string Label);

// A survey as staff set it up and as residents see it. Stored as JSON; add members, never rename.
public sealed record SurveyDefinition
{
    public required string Slug { get; init; }
    public required string MunicipalityCode { get; init; }
    public string? Title { get; init; }
    public required DateOnly PledgePeriodStart { get; init; }
    public required DateOnly PledgePeriodEnd { get; init; }
    public required DateTimeOffset OpensAt { get; init; }
    public required DateTimeOffset ClosesAt { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public required IReadOnlyList<Option> Areas { get; init; }
    public required IReadOnlyList<string> Concerns { get; init; }
    public IReadOnlyList<string> AgeGroups { get; init; } = SurveyDefaults.AgeGroups;
    public IReadOnlyList<string> Genders { get; init; } = SurveyDefaults.Genders;
    public int MinimumCellSize { get; init; } = SurveyDefaults.MinimumCellSize;

    // Higher floors for sensitive concerns, e.g. { "vald-i-nara-relation": 10 }.
    public IReadOnlyDictionary<string, int>? MinimumCellSizeByConcern { get; init; }

    // The smallest count of this concern that may be shown.
    public int FloorFor(string concern) => Math.Max(MinimumCellSize, MinimumCellSizeByConcern?.GetValueOrDefault(concern) ?? 0);

    // The municipality's population per age group × gender, when an admin has uploaded it: the
    // ranking is then post-stratified to it. Cells are the survey's own age group and gender codes.
    public IReadOnlyList<PopulationCell>? Population { get; init; }

    // Where the population figures come from, e.g. "SCB, folkmängd 31 december 2025".
    public string? PopulationSource { get; init; }

    // A sampled survey: each answer needs a single-use invitation code (never stored with the answer).
    public bool InvitationOnly { get; init; }

    // The https origins whose pages may show the questionnaire in a frame (e.g. "https://www.kalix.se");
    // null or empty: any site may embed it.
    public IReadOnlyList<string>? EmbedOrigins { get; init; }

    // Whether analysts may read the scrubbed free-text answers (GET …/free-text); off unless an admin turns it on.
    public bool FreeTextForAnalysts { get; init; }

    // Whom residents contact about accessibility (the statement shows it); null: the site's setting, or the municipality in general terms.
    public AccessibilityContact? AccessibilityContact { get; init; }

    // The survey's own questions, asked after the standard ones; frozen once answers arrive.
    public IReadOnlyList<LocalQuestion>? Questions { get; init; }

    // When a question's wording was corrected after answers arrived.
    public IReadOnlyList<WordingCorrection>? WordingCorrections { get; init; }

    public LocalQuestion? Question(string code) => Questions?.FirstOrDefault(q => q.Code == code);

    public SurveyWindowState WindowAt(DateTimeOffset now) =>
        now < OpensAt ? SurveyWindowState.NotYetOpen
        : now >= ClosesAt ? SurveyWindowState.Closed
        : SurveyWindowState.Open;
}

public sealed record PopulationCell(string AgeGroup, string Gender, long Population);

public enum SurveyWindowState { NotYetOpen, Open, Closed }

public static class SurveyDefaults
{
    public static IReadOnlyList<string> AgeGroups { get; } = ["16-24", "25-44", "45-64", "65-84", "85+"];
    public static IReadOnlyList<string> Genders { get; } = ["kvinna", "man", "annat"];
    // The languages with a complete questionnaire text (Survey.Intake/Questionnaire/Texts/{lang}.json; a test keeps
    // the two in step). Meänkieli (fit), Sámi (se) and Arabic (ar) come when their texts are written and checked.
    public static IReadOnlyList<string> SupportedLanguages { get; } = ["sv", "en", "fi"];
    public const int MinimumCellSize = 5;
}
