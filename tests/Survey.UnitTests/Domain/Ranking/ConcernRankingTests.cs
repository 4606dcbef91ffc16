using Survey.Domain.Disclosure;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;

namespace Survey.UnitTests.Domain.Ranking;

public class ConcernRankingTests
{
    private static readonly SurveyDefinition Survey = TestSurveys.Open("ranking", ["narkotika", "inbrott", "trafik", "stold", "vald-i-nara-relation"]);

    // Survey-wide tallies through the disclosure gate (points from as many people as they can come from at most).
    private static PublishedSurvey Tallies(long respondents, long answered, params (string Code, long Count, long Points)[] concerns) =>
        DisclosureGate.Apply(new SurveyCounts
        {
            Survey = Survey,
            Total = new TotalCounts(respondents, answered, concerns.ToDictionary(c => c.Code, c => new ConcernTotal(c.Count, c.Points, c.Points))),
            Breakdowns = new Dictionary<string, IReadOnlyList<GroupCounts>>(),
        });

    [Fact]
    public void Orders_by_share_with_labels_counts_and_intervals()
    {
        var result = ConcernRanking.Rank(Tallies(100, 80, ("inbrott", 20, 10), ("narkotika", 40, 90), ("trafik", 30, 5)));

        result.Concerns.Select(c => c.Code).Should().StartWith(["narkotika", "trafik", "inbrott"]);
        var top = result.Concerns[0];
        top.Label.Should().Be("Narkotika och droger");
        top.Figures.Count.Should().Be(40);
        top.Figures.Share.Should().Be(0.5, "the denominator is the 80 who answered the question, not all 100");
        top.Figures.CiLow.Should().BeApproximately(WilsonInterval.Compute(40, 80).Low, 1e-12);
        top.Figures.CiHigh.Should().BeApproximately(WilsonInterval.Compute(40, 80).High, 1e-12);
        top.Figures.PriorityPoints.Should().Be(90);
        top.Rank.Should().Be(1);
        result.FocusAreas.Select(f => f.Code).Should().Equal("narkotika", "trafik", "inbrott");
    }

    [Fact]
    public void Equal_shares_are_ordered_by_priority_points()
    {
        var result = ConcernRanking.Rank(Tallies(50, 50, ("inbrott", 10, 4), ("trafik", 10, 30)));

        result.Concerns.Select(c => (c.Code, c.Rank)).Should().StartWith([("trafik", 1), ("inbrott", 2)]);
    }

    [Fact]
    public void Equal_share_and_equal_points_share_a_rank()
    {
        var result = ConcernRanking.Rank(Tallies(50, 50, ("narkotika", 20, 5), ("inbrott", 10, 4), ("trafik", 10, 4), ("stold", 5, 0)));

        result.Concerns.Select(c => (c.Code, c.Rank)).Should().StartWith(
            [("narkotika", 1), ("inbrott", 2), ("trafik", 2), ("stold", 4)]);
    }

    [Fact]
    public void Overlapping_intervals_are_marked_as_statistically_tied()
    {
        var result = ConcernRanking.Rank(Tallies(1000, 1000, ("narkotika", 400, 0), ("inbrott", 390, 0), ("trafik", 100, 0)));

        var drugs = result.Concerns.Single(c => c.Code == "narkotika");
        drugs.StatisticallyTiedWith.Should().Equal("inbrott");
        result.Concerns.Single(c => c.Code == "trafik").StatisticallyTiedWith.Should().NotContain(["narkotika", "inbrott"]);
    }

    [Fact]
    public void Concerns_nobody_named_are_listed_but_never_proposed()
    {
        var result = ConcernRanking.Rank(Tallies(40, 40, ("trafik", 12, 0)));

        result.Concerns.Should().HaveCount(5);
        result.FocusAreas.Select(f => f.Code).Should().Equal("trafik");
    }

    [Fact]
    public void Warns_when_respondents_are_too_few_to_rank()
    {
        ConcernRanking.Rank(Tallies(29, 29, ("trafik", 12, 0))).Warnings.Should().ContainSingle().Which.Should().Contain("29");
        ConcernRanking.Rank(Tallies(30, 30, ("trafik", 12, 0))).Warnings.Should().BeEmpty();
    }
}
