using Survey.Domain.CrimeStatistics;

namespace Survey.UnitTests.Domain.CrimeStatistics;

public class CrimeFigureCalculationTests
{
    private static readonly string[] Concerns = ["narkotika", "trafik", "inbrott"];

    private static ReportedOffences Row(string region, int year, string category, long count, double rate) => new(region, year, category, count, rate);

    private static readonly ReportedOffences[] Rows =
    [
        Row("2514", 2024, "Rattfylleri", 58, 360.2), Row("2514", 2024, "Olovlig körning", 47, 291.9), Row("2514", 2024, "Narkotikabrott", 142, 882.0),
        Row("2514", 2025, "Rattfylleri", 64, 397.5), Row("2514", 2025, "Olovlig körning", 52, 323.0), Row("2514", 2025, "Narkotikabrott", 171, 1062.1),
        Row("2514", 2025, "Mord och dråp", 1, 6.2),
        Row("00", 2025, "Rattfylleri", 23073, 217.9), Row("00", 2025, "Olovlig körning", 15989, 151.0),
        // Another municipality's rows count for nothing here.
        Row("1272", 2025, "Rattfylleri", 999, 7928.6),
    ];

    [Fact]
    public void A_concerns_rate_is_the_sum_of_its_categories_and_the_change_is_this_years_minus_last_years()
    {
        var figures = CrimeFigureCalculation.For("2514", Rows, Concerns, new DateOnly(2027, 1, 1))!;

        figures.Year.Should().Be(2025);
        figures.PreviousYear.Should().Be(2024);
        figures.YearBeforePledgePeriod.Should().BeTrue();
        var trafik = figures.Concerns.Single(c => c.Concern == "trafik");
        trafik.Categories.Should().Equal("Rattfylleri", "Olovlig körning");
        trafik.Count.Should().Be(64 + 52);
        trafik.RatePer100k.Should().BeApproximately(397.5 + 323.0, 1e-9);
        trafik.PreviousRatePer100k.Should().BeApproximately(360.2 + 291.9, 1e-9);
        trafik.Change.Should().BeApproximately(720.5 - 652.1, 1e-9);
        trafik.ChangePercent.Should().BeApproximately((720.5 - 652.1) / 652.1 * 100, 1e-9);
        trafik.NationalRatePer100k.Should().BeApproximately(217.9 + 151.0, 1e-9);
        trafik.RatioToNational.Should().BeApproximately(720.5 / 368.9, 1e-9);
    }

    [Fact]
    public void Only_the_surveys_concerns_with_mapped_categories_are_shown_and_unmapped_categories_count_for_none()
    {
        var figures = CrimeFigureCalculation.For("2514", Rows, Concerns, new DateOnly(2027, 1, 1))!;

        figures.Concerns.Select(c => c.Concern).Should().Equal("narkotika", "trafik");
        figures.Concerns.SelectMany(c => c.Categories).Should().NotContain("Mord och dråp");
    }

    [Fact]
    public void Without_the_national_or_last_years_row_for_a_category_those_figures_are_left_out()
    {
        // narkotika has no Riket row: comparing 1062,1 with nothing would say nothing true.
        var narkotika = CrimeFigureCalculation.For("2514", Rows, Concerns, new DateOnly(2027, 1, 1))!.Concerns.Single(c => c.Concern == "narkotika");
        narkotika.NationalRatePer100k.Should().BeNull();
        narkotika.RatioToNational.Should().BeNull();
        narkotika.Change.Should().BeApproximately(1062.1 - 882.0, 1e-9);

        // In 2024 there is no 2023 to compare with.
        var earlier = CrimeFigureCalculation.For("2514", Rows, Concerns, new DateOnly(2025, 1, 1))!;
        earlier.Year.Should().Be(2024);
        earlier.Concerns.Should().OnlyContain(c => c.PreviousRatePer100k == null && c.Change == null && c.ChangePercent == null);
    }

    [Fact]
    public void The_year_is_the_latest_before_the_pledge_period_or_else_the_latest_stored()
    {
        CrimeFigureCalculation.For("2514", Rows, Concerns, new DateOnly(2026, 1, 1))!.Year.Should().Be(2025);
        CrimeFigureCalculation.For("2514", Rows, Concerns, new DateOnly(2025, 7, 1))!.Year.Should().Be(2024);
        var none = CrimeFigureCalculation.For("2514", Rows, Concerns, new DateOnly(2024, 1, 1))!;
        none.Year.Should().Be(2025);
        none.YearBeforePledgePeriod.Should().BeFalse();
    }

    [Fact]
    public void A_municipality_without_rows_has_no_figures()
    {
        CrimeFigureCalculation.For("2132", Rows, Concerns, new DateOnly(2027, 1, 1)).Should().BeNull();
    }
}
