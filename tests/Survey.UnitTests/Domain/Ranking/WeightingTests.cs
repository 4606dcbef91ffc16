using Survey.Domain.Ranking;
using Survey.Domain.Surveys;

namespace Survey.UnitTests.Domain.Ranking;

public class WeightingTests
{
    private static readonly SurveyDefinition Survey = TestSurveys.Open("w") with
    {
        Population =
        [
            new("16-24", "kvinna", 100), new("16-24", "man", 100),
            new("25-44", "kvinna", 300), new("25-44", "man", 300),
        ],
    };

    private static CellCounts Cell(string age, string gender, long answered, long narkotika) =>
        new(age, gender, answered, new Dictionary<string, long> { ["narkotika"] = narkotika });

    [Fact]
    public void Weights_each_cell_to_its_share_of_the_population_and_gives_the_effective_sample_size()
    {
        // 80 answers inside the table, 20 outside it (weight 1); 30 of 100 name narkotika.
        var result = Weighting.Compute(Survey,
            [Cell("16-24", "kvinna", 10, 8), Cell("16-24", "man", 10, 6), Cell("25-44", "kvinna", 40, 10), Cell("25-44", "man", 20, 4)],
            answered: 100, new Dictionary<string, long> { ["narkotika"] = 30 })!;

        // w = (N_h / N) · n_inside / n_h: 100/800 · 80/10 = 1, 1, 300/800 · 80/40 = 0.75, 300/800 · 80/20 = 1.5.
        result.Strata.Select(s => s.Weight).Should().Equal([1.0, 1.0, 0.75, 1.5], (a, b) => Math.Abs(a - b) < 1e-12);
        result.Strata.Select(s => s.PopulationShare).Should().Equal([0.125, 0.125, 0.375, 0.375], (a, b) => Math.Abs(a - b) < 1e-12);
        result.AnsweredOutsideTable.Should().Be(20);
        // (8 + 6 + 10 · 0.75 + 4 · 1.5 + 2 · 1) / 100 = 0.295.
        result.Shares["narkotika"].Share.Should().BeApproximately(0.295, 1e-12);
        // Kish: 100² / (10 + 10 + 40 · 0.5625 + 20 · 2.25 + 20) = 10000 / 107.5.
        result.EffectiveSampleSize.Should().BeApproximately(93.023256, 1e-6);
        // Wilson over the effective n (computed by hand from the formula).
        result.Shares["narkotika"].CiLow.Should().BeApproximately(0.211949, 1e-6);
        result.Shares["narkotika"].CiHigh.Should().BeApproximately(0.394311, 1e-6);
    }

    [Fact]
    public void A_cell_under_the_minimum_is_merged_with_the_other_genders_of_its_age_group()
    {
        var result = Weighting.Compute(Survey,
            [Cell("16-24", "kvinna", 10, 1), Cell("16-24", "man", 3, 1), Cell("25-44", "kvinna", 40, 1), Cell("25-44", "man", 20, 1)],
            answered: 73, new Dictionary<string, long> { ["narkotika"] = 4 })!;

        result.Strata.Should().HaveCount(3);
        result.Strata[0].AgeGroups.Should().Equal("16-24");
        result.Strata[0].Genders.Should().Equal("kvinna", "man");
        result.Strata[0].Respondents.Should().Be(13);
        result.Strata[0].Population.Should().Be(200);
        result.Strata.Should().OnlyContain(s => s.Respondents >= 5);
        result.Notes.Should().Contain(n => n.Contains("slagits ihop"));
    }

    [Fact]
    public void An_age_group_still_too_small_is_merged_with_its_neighbour()
    {
        var result = Weighting.Compute(Survey,
            [Cell("16-24", "kvinna", 2, 0), Cell("16-24", "man", 1, 0), Cell("25-44", "kvinna", 40, 1), Cell("25-44", "man", 20, 1)],
            answered: 63, new Dictionary<string, long> { ["narkotika"] = 2 })!;

        result.Strata.Should().ContainSingle().Which.AgeGroups.Should().Equal("16-24", "25-44");
        result.Strata[0].Weight.Should().BeApproximately(1.0, 1e-12, "one stratum over the whole table weighs nothing differently");
    }

    [Fact]
    public void No_weighting_when_too_few_answers_carry_age_and_gender()
    {
        Weighting.Compute(Survey, [Cell("16-24", "kvinna", 2, 0)], answered: 50, new Dictionary<string, long> { ["narkotika"] = 2 })
            .Should().BeNull();
        Weighting.Compute(TestSurveys.Open("none"), [], answered: 50, new Dictionary<string, long>()).Should().BeNull();
    }

    [Fact]
    public void The_population_csv_is_read_as_SCB_writes_it_and_every_bad_row_is_named()
    {
        var (cells, errors) = PopulationTable.Parse("\uFEFFÅldersgrupp;Kön;Antal\r\n16-24;Kvinna;1 234\r\n16-24;man;\"1300\"\r\n\r\n", Survey);
        errors.IsEmpty.Should().BeTrue();
        cells.Should().Equal(new PopulationCell("16-24", "kvinna", 1234), new PopulationCell("16-24", "man", 1300));

        (_, errors) = PopulationTable.Parse("ageGroup,gender,population\n15-24,kvinna,10\n25-44,kvinna,-3\n25-44,man,x\n25-44,man,4\n25-44,man,5\n", Survey);
        var byLine = errors.ToDictionary();
        byLine["line 2"].Should().ContainSingle().Which.Should().Contain("15-24");
        byLine["line 3"].Should().ContainSingle().Which.Should().Contain("-3");
        byLine["line 4"].Should().ContainSingle().Which.Should().Contain("'x'");
        byLine["line 6"].Should().ContainSingle().Which.Should().Contain("twice");
        byLine.Should().NotContainKey("line 5");

        (_, errors) = PopulationTable.Parse("age;sex;n\n", Survey);
        errors.ToDictionary()["line 1"].Should().ContainSingle().Which.Should().Contain("ageGroup, gender and population");
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("99 999 999 999 999 999 999")]
    [InlineData("20 000 001")]
    public void A_cell_larger_than_any_municipality_is_refused_naming_its_line(string population)
    {
        // long.MaxValue and one more cell made every sum of the table overflow, in every reader of it.
        var (cells, errors) = PopulationTable.Parse($"ageGroup;gender;population\n16-24;kvinna;100\n16-24;man;{population}\n", Survey);

        errors.ToDictionary().Should().ContainKey("line 3").WhoseValue.Should().ContainSingle().Which.Should().Contain("20,000,000");
        errors.ToDictionary().Should().NotContainKey("line 2");
        cells.Should().NotContain(c => c.Population > 20_000_000);
    }

    [Fact]
    public void A_table_whose_total_is_larger_than_any_municipality_is_refused_at_the_line_that_passes_it()
    {
        var (_, errors) = PopulationTable.Parse(
            "ageGroup;gender;population\n16-24;kvinna;10 000 000\n16-24;man;10 000 000\n25-44;kvinna;1\n25-44;man;1\n", Survey);

        errors.ToDictionary().Keys.Should().Equal("line 4");
        errors.ToDictionary()["line 4"].Should().ContainSingle().Which.Should().Contain("20,000,000");

        PopulationTable.Parse("ageGroup;gender;population\n16-24;kvinna;10 000 000\n16-24;man;10 000 000\n", Survey).Errors.IsEmpty
            .Should().BeTrue("the limit itself is allowed");
    }
}
