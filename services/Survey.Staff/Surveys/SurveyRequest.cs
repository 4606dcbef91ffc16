using Survey.Domain.Questions;
using Survey.Domain.Surveys;

namespace Survey.Staff.Surveys;

// A survey as staff send it. Everything is nullable so that a missing field is named, not a parse failure.
public sealed record SurveyRequest
{
    public string? Slug { get; init; }
    public string? MunicipalityCode { get; init; }
    public string? Title { get; init; }
    public DateOnly? PledgePeriodStart { get; init; }
    public DateOnly? PledgePeriodEnd { get; init; }
    public DateTimeOffset? OpensAt { get; init; }
    public DateTimeOffset? ClosesAt { get; init; }
    public IReadOnlyList<string>? Languages { get; init; }
    public IReadOnlyList<Option>? Areas { get; init; }
    public IReadOnlyList<string>? Concerns { get; init; }
    public IReadOnlyList<string>? AgeGroups { get; init; }
    public IReadOnlyList<string>? Genders { get; init; }
    public int? MinimumCellSize { get; init; }
    public IReadOnlyDictionary<string, int>? MinimumCellSizeByConcern { get; init; }
    public bool? InvitationOnly { get; init; }
    public IReadOnlyList<string>? EmbedOrigins { get; init; }
    public IReadOnlyList<LocalQuestion>? Questions { get; init; }
    public AccessibilityContact? AccessibilityContact { get; init; }
    public bool? FreeTextForAnalysts { get; init; }

    // Accepted so that a survey read with GET can be sent back with PUT; the service keeps the record itself.
    public IReadOnlyList<WordingCorrection>? WordingCorrections { get; init; }

    // Accepted so that a survey read with GET can be sent back with PUT; the table itself is set through …/population.
    public IReadOnlyList<PopulationCell>? Population { get; init; }

    // As Population.
    public string? PopulationSource { get; init; }

    public (SurveyDefinition? Survey, Errors Errors) ToDefinition(string slug)
    {
        var missing = new Errors();
        if (PledgePeriodStart is null) missing.Add("pledgePeriodStart", "Required (a date, e.g. 2027-01-01).");
        if (PledgePeriodEnd is null) missing.Add("pledgePeriodEnd", "Required (a date, e.g. 2027-12-31).");
        if (OpensAt is null) missing.Add("opensAt", "Required (a time with offset, e.g. 2026-10-01T00:00:00+02:00).");
        if (ClosesAt is null) missing.Add("closesAt", "Required (a time with offset).");
        if (MunicipalityCode is null) missing.Add("municipalityCode", "Required: the municipality's SCB code (e.g. 2514).");
        if (!missing.IsEmpty) return (null, missing);

        var survey = new SurveyDefinition
        {
            Slug = slug,
            MunicipalityCode = MunicipalityCode!,
            Title = Title,
            PledgePeriodStart = PledgePeriodStart!.Value,
            PledgePeriodEnd = PledgePeriodEnd!.Value,
            OpensAt = OpensAt!.Value,
            ClosesAt = ClosesAt!.Value,
            Languages = Languages ?? ["sv"],
            Areas = Areas ?? [],
            Concerns = Concerns!,
            AgeGroups = AgeGroups ?? SurveyDefaults.AgeGroups,
            Genders = Genders ?? SurveyDefaults.Genders,
            MinimumCellSize = MinimumCellSize ?? SurveyDefaults.MinimumCellSize,
            MinimumCellSizeByConcern = MinimumCellSizeByConcern,
            InvitationOnly = InvitationOnly ?? false,
            EmbedOrigins = EmbedOrigins,
            Questions = Questions is { Count: > 0 } ? Questions : null,
            AccessibilityContact = AccessibilityContact,
            FreeTextForAnalysts = FreeTextForAnalysts ?? false,
        };
        return (survey, SurveyDefinitionValidator.Validate(survey));
    }
}
