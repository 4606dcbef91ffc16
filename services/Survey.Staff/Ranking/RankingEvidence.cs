using Survey.Domain.CrimeStatistics;
using Survey.Domain.Surveys;
using Survey.Staff.Dialogues;
using Survey.Store;

namespace Survey.Staff.Ranking;

// What else than the survey's answers a report weighs, as stored: the dialogues and safety walks, and the crime
// statistics of the municipality and the country. RankingReportBuilder turns them into the views beside the figures and the sources of the evidence table.
public sealed record EvidenceInputs
{
    public IReadOnlyList<StoredOffences>? CrimeStatistics { get; init; }

    // The survey's dialogues and safety walks, summed and through the disclosure rule.
    public DialogueSummaryView? Dialogues { get; init; }

    public static EvidenceInputs None { get; } = new();
}

// Reads a survey's evidence inputs: one place, so that the API, the dashboard and every export weigh the same.
public sealed class RankingEvidence(ICrimeStatisticsStore crime, DialogueFigures dialogues)
{
    public async Task<EvidenceInputs> ReadAsync(SurveyDefinition survey, CancellationToken ct) => new()
    {
        CrimeStatistics = await crime.ReadAsync([survey.MunicipalityCode, ReportedOffences.National], ct),
        Dialogues = await dialogues.ReadAsync(survey, ct),
    };
}
