using Survey.Domain.Surveys;

namespace Survey.Store;

// Survey definitions, with their population tables, by slug.
public interface ISurveyStore
{
    Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct);
    Task<IReadOnlyList<SurveyDefinition>> ListAsync(CancellationToken ct);

    // False when a survey with that slug exists.
    Task<bool> CreateAsync(SurveyDefinition survey, CancellationToken ct);

    // False when there is no survey with that slug.
    Task<bool> UpdateAsync(SurveyDefinition survey, CancellationToken ct);
}
