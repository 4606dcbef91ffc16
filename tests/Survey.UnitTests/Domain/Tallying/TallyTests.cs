using Survey.Contracts;
using Survey.Domain.Tallying;

namespace Survey.UnitTests.Domain.Tallying;

public class TallyTests
{
    private static SurveyResponseSubmitted Response(
        IReadOnlyList<string>? concerns = null, IReadOnlyList<string>? priorities = null, string? area = null, int? safety = null, string? freeText = null) => new()
    {
        ResponseId = Guid.NewGuid(), SurveySlug = "s", MunicipalityCode = "2514", ReceivedAt = DateTimeOffset.UtcNow,
        Concerns = concerns, Priorities = priorities, Area = area, Safety = safety, Channel = "facebook", FreeText = freeText,
    };

    [Fact]
    public void A_concern_read_in_free_text_is_counted_as_mentioned_and_not_as_ticked()
    {
        var deltas = Tally.Deltas([Response(concerns: [], area: "centrum", freeText: "det langas knark vid skolan")]);

        deltas[new("s", Dimensions.All, "", Metrics.FreeText("narkotika"))].Count.Should().Be(1);
        deltas.Should().NotContainKey(new TallyKey("s", Dimensions.All, "", Metrics.Concern("narkotika")));
        deltas.Keys.Where(k => k.Dimension != Dimensions.All).Should().NotContain(k => k.Metric.StartsWith(Metrics.FreeTextPrefix),
            "free-text mentions have no breakdown that could be differenced");
    }

    [Fact]
    public void Free_text_naming_no_concern_or_none_at_all_adds_no_mention()
    {
        var deltas = Tally.Deltas([Response(["trafik"], freeText: "inga problem med inbrott"), Response(["trafik"], freeText: "  "), Response(["trafik"])]);

        deltas.Keys.Should().NotContain(k => k.Metric.StartsWith(Metrics.FreeTextPrefix));
        deltas[new("s", Dimensions.All, "", Metrics.Concern("trafik"))].Count.Should().Be(3);
    }

    [Fact]
    public void Counts_each_response_in_the_whole_and_in_every_breakdown()
    {
        var deltas = Tally.Deltas([Response(["narkotika"], area: "centrum"), Response(["narkotika", "trafik"], area: "tore")]);

        deltas[new("s", Dimensions.All, "", Metrics.Respondents)].Count.Should().Be(2);
        deltas[new("s", Dimensions.All, "", Metrics.Concern("narkotika"))].Count.Should().Be(2);
        deltas[new("s", Dimensions.Area, "tore", Metrics.Concern("trafik"))].Count.Should().Be(1);
        deltas[new("s", Dimensions.Channel, "facebook", Metrics.Respondents)].Count.Should().Be(2);
        deltas[new("s", Dimensions.AgeGroup, "", Metrics.Respondents)].Count.Should().Be(2, "an unanswered age group is its own cell");
    }

    [Fact]
    public void Priorities_score_three_two_one()
    {
        var deltas = Tally.Deltas([Response(priorities: ["trafik", "narkotika", "inbrott"]), Response(priorities: ["narkotika"])]);

        deltas[new("s", Dimensions.All, "", Metrics.Concern("trafik"))].PriorityPoints.Should().Be(3);
        deltas[new("s", Dimensions.All, "", Metrics.Concern("narkotika"))].PriorityPoints.Should().Be(5);
        deltas[new("s", Dimensions.All, "", Metrics.Concern("inbrott"))].PriorityPoints.Should().Be(1);
    }

    [Fact]
    public void Only_those_who_answered_the_question_form_its_denominator()
    {
        var deltas = Tally.Deltas([Response(concerns: []), Response(concerns: null), Response(["trafik"], safety: 4)]);

        deltas[new("s", Dimensions.All, "", Metrics.Respondents)].Count.Should().Be(3);
        deltas[new("s", Dimensions.All, "", Metrics.AnsweredConcerns)].Count.Should().Be(2);
        deltas[new("s", Dimensions.All, "", Metrics.AnsweredSafety)].Count.Should().Be(1);
        deltas[new("s", Dimensions.All, "", Metrics.SafetyPrefix + "4")].Count.Should().Be(1);
    }
}
