using System.Globalization;
using Survey.Domain.Concerns;
using Survey.Domain.CrimeStatistics;
using Survey.Domain.Surveys;
using Survey.Store;

namespace Survey.Staff.CrimeStatistics;

// A concern's reported offences beside its survey figures: rates per 100 000 residents, change from the previous
// year (absolute, and in per cent of the previous rate), and the national rate of the same year with the ratio.
public sealed record CrimeConcernView(
    string Code, string Label, IReadOnlyList<string> Categories, long Count, double RatePer100k,
    double? PreviousRatePer100k, double? Change, double? ChangePercent, double? NationalRatePer100k, double? RatioToNational);

// Brå's reported offences for the survey's municipality, shown beside the survey figures.
// YearChoice says which year was taken: the latest before the pledge period, or the latest stored when none is earlier.
public sealed record CrimeStatisticsView(
    string Source, DateTimeOffset ImportedAt, int Year, int PreviousYear, string YearChoice, string Note, IReadOnlyList<CrimeConcernView> Concerns)
{
    public const string BeforePledgePeriod = "latest-before-pledge-period";
    public const string LatestStored = "latest-stored";

    // Official public statistics, not answers: the respondents' disclosure gate does not apply to them.
    public const string NoteText = "Brå:s statistik över anmälda brott är officiell offentlig statistik, inte svar från enkäten; " +
        "röjandeskyddet för svarande gäller därför inte dessa siffror. Siffrorna för ett problem är summan över de " +
        "brottskategorier som hör till det (antal och antal per 100 000 invånare).";

    // Null when nothing is stored for the municipality, or none of its categories maps to a concern of the survey.
    public static CrimeStatisticsView? For(SurveyDefinition survey, IReadOnlyList<StoredOffences> stored)
    {
        var rows = stored.Select(s => s.Row).ToList();
        if (CrimeFigureCalculation.For(survey.MunicipalityCode, rows, survey.Concerns, survey.PledgePeriodStart) is not { Concerns.Count: > 0 } figures)
            return null;
        // The import the shown year's rows came from: the latest, when the rows came in several.
        var importedAt = stored.Where(s => s.Row.Region == survey.MunicipalityCode && s.Row.Year == figures.Year).Max(s => s.ImportedAt);
        return new CrimeStatisticsView(
            SourceOf(importedAt),
            importedAt,
            figures.Year,
            figures.PreviousYear,
            figures.YearBeforePledgePeriod ? BeforePledgePeriod : LatestStored,
            NoteText + (figures.YearBeforePledgePeriod
                ? $" Året {figures.Year} är det senaste före löftesperiodens början."
                : $" Inget år före löftesperioden finns importerat; {figures.Year} är det senaste som finns."),
            figures.Concerns.Select(c => new CrimeConcernView(
                c.Concern, ConcernTaxonomy.SwedishLabel(c.Concern), c.Categories, c.Count, c.RatePer100k,
                c.PreviousRatePer100k, c.Change, c.ChangePercent, c.NationalRatePer100k, c.RatioToNational)).ToList());
    }

    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static string SourceOf(DateTimeOffset importedAt) =>
        $"Brå, anmälda brott, import {TimeZoneInfo.ConvertTime(importedAt, Stockholm).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
