using Survey.Domain.Disclosure;

namespace Survey.UnitTests.Disclosure;

public class SuppressionTests
{
    private static readonly string[] Concerns = ["narkotika", "vald-i-nara-relation"];

    private static GroupCounts G(string value, long respondents, long drugs, long violence) =>
        new(value, respondents, respondents, new Dictionary<string, long> { ["narkotika"] = drugs, ["vald-i-nara-relation"] = violence });

    [Fact]
    public void Small_counts_are_hidden_and_a_lone_hidden_count_gets_a_partner()
    {
        var result = BreakdownSuppression.Apply([G("centrum", 120, 40, 3), G("tore", 60, 25, 9), G("sangis", 30, 12, 7)], Concerns, minimum: 5);

        result[0].Counts["vald-i-nara-relation"].Should().BeNull("3 is below 5");
        result.Count(g => g.Counts["vald-i-nara-relation"] is null).Should().Be(2, "one hidden figure could be worked out from the total");
        result[2].Counts["vald-i-nara-relation"].Should().BeNull("the smallest other figure is hidden with it");
        result[1].Counts["vald-i-nara-relation"].Should().Be(9);
        result.Select(g => g.Counts["narkotika"]).Should().Equal(40L, 25L, 12L);
    }

    [Fact]
    public void A_group_too_small_is_hidden_whole_and_another_group_with_it()
    {
        var result = BreakdownSuppression.Apply([G("centrum", 200, 80, 20), G("tore", 3, 2, 0), G("sangis", 40, 12, 6), G("", 57, 20, 9)], Concerns, minimum: 5);

        result[1].Respondents.Should().BeNull();
        result[1].Counts.Values.Should().OnlyContain(v => v == null);
        result.Count(g => g.Respondents is null).Should().Be(2);
        result[2].Respondents.Should().BeNull("the smallest other group keeps tore's figures from being worked out");
    }

    [Fact]
    public void A_sensitive_concern_can_have_a_higher_floor()
    {
        var result = BreakdownSuppression.Apply([G("centrum", 120, 40, 8), G("tore", 60, 25, 9), G("", 30, 12, 12)], Concerns, minimum: 5,
            minimumByConcern: new Dictionary<string, int> { ["vald-i-nara-relation"] = 10 });

        result.Select(g => g.Counts["vald-i-nara-relation"]).Should().Equal(null, null, 12L);
        result.Select(g => g.Counts["narkotika"]).Should().Equal(40L, 25L, 12L);
    }

    [Fact]
    public void No_hidden_figure_can_be_recovered_by_subtracting_from_the_total_in_any_random_breakdown()
    {
        var random = new Random(1272);
        for (var run = 0; run < 2000; run++)
        {
            var groups = Enumerable.Range(0, random.Next(2, 8)).Select(i =>
            {
                var respondents = random.Next(0, 40);
                return G($"g{i}", respondents, random.Next(0, respondents + 1), random.Next(0, Math.Min(respondents, 12) + 1));
            }).ToList();
            var minimum = random.Next(2, 11);

            var result = BreakdownSuppression.Apply(groups, Concerns, minimum);

            result.Count(g => g.Respondents is null).Should().NotBe(1);
            foreach (var concern in Concerns)
            {
                var column = result.Select(g => g.Counts[concern]).ToList();
                column.Count(v => v is null).Should().NotBe(1, $"run {run}, {concern}: a single hidden figure is total − the others");
                column.All(v => v is null || v == 0 || v >= minimum).Should().BeTrue($"run {run}: nothing below {minimum} is shown");
            }
        }
    }
}
