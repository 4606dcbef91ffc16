namespace Survey.Domain.CrimeStatistics;

// A concern's reported offences in one year: the sum over its mapped categories of the counts and of the rates
// (each per 100 000 residents, so their sum is too), beside the previous year's rate and the national rate over the
// same categories. Previous and national figures are null unless every one of those categories has a row then.
public sealed record ConcernOffences(
    string Concern, IReadOnlyList<string> Categories, long Count, double RatePer100k,
    double? PreviousRatePer100k, double? Change, double? ChangePercent, double? NationalRatePer100k, double? RatioToNational);

// Which year is shown: the latest with rows for the municipality before the pledge period starts, or, when none is
// earlier, the latest stored (YearBeforePledgePeriod false).
public sealed record CrimeFigures(int Year, bool YearBeforePledgePeriod, int PreviousYear, IReadOnlyList<ConcernOffences> Concerns);

public static class CrimeFigureCalculation
{
    // rows: the municipality's rows and the national ones (Region "00"); concerns: the survey's, in its order.
    // Null when the municipality has no rows at all.
    public static CrimeFigures? For(string municipalityCode, IReadOnlyList<ReportedOffences> rows, IReadOnlyList<string> concerns, DateOnly pledgePeriodStart)
    {
        var own = rows.Where(r => r.Region == municipalityCode).ToList();
        if (own.Count == 0) return null;
        var years = own.Select(r => r.Year).Distinct().ToList();
        var earlier = years.Where(y => y < pledgePeriodStart.Year).ToList();
        var year = earlier.Count > 0 ? earlier.Max() : years.Max();

        var figures = new List<ConcernOffences>();
        foreach (var concern in concerns)
        {
            var these = own.Where(r => r.Year == year && OffenceCategories.ConcernFor(r.Category) == concern).ToList();
            if (these.Count == 0) continue;
            var keys = these.Select(r => OffenceCategories.Key(r.Category)).ToList();
            var rate = these.Sum(r => r.RatePer100k);
            var previous = SumOver(own, year - 1, keys);
            var national = SumOver(rows.Where(r => r.Region == ReportedOffences.National), year, keys);
            figures.Add(new ConcernOffences(
                concern,
                these.Select(r => r.Category).ToList(),
                these.Sum(r => r.Count),
                rate,
                previous,
                previous is { } p ? rate - p : null,
                previous is { } q and > 0 ? (rate - q) / q * 100 : null,
                national,
                national is { } n and > 0 ? rate / n : null));
        }
        return new CrimeFigures(year, earlier.Count > 0, year - 1, figures);
    }

    // The sum of the rates of these categories in a year, or null when one of them has no row that year.
    private static double? SumOver(IEnumerable<ReportedOffences> rows, int year, IReadOnlyList<string> keys)
    {
        var byKey = rows.Where(r => r.Year == year).ToDictionary(r => OffenceCategories.Key(r.Category), r => r.RatePer100k);
        return keys.All(byKey.ContainsKey) ? keys.Sum(k => byKey[k]) : null;
    }
}
