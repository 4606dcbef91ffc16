using Survey.Domain.Surveys;

namespace Survey.Store;

// Survey definitions, with their population tables, by slug.
public interface ISurveyStore
{
    Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct);
    Task<IReadOnlyList<SurveyDefinition>> ListAsync(CancellationToken ct);

    // The survey a trend compares with: the same municipality's whose pledge period started last before this one's.
    // Reads that municipality's surveys only (a ranking asks on every request; a national install holds hundreds).
    Task<SurveyDefinition?> FindPreviousAsync(SurveyDefinition survey, CancellationToken ct);

    // False when a survey with that slug exists.
    Task<bool> CreateAsync(SurveyDefinition survey, CancellationToken ct);

    // False when there is no survey with that slug.
    Task<bool> UpdateAsync(SurveyDefinition survey, CancellationToken ct);
}

internal static class PreviousSurvey
{
    public static SurveyDefinition? Among(SurveyDefinition survey, IEnumerable<SurveyDefinition> candidates) => candidates
        .Where(s => s.MunicipalityCode == survey.MunicipalityCode && s.PledgePeriodStart < survey.PledgePeriodStart)
        .MaxBy(s => s.PledgePeriodStart);
}
