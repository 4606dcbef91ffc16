using Survey.Domain.Disclosure;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.Staff.Disclosure;

namespace Survey.UnitTests.Disclosure;

// The gate's rules one by one, on made-up answers tallied exactly as the worker tallies them.
public class DisclosureGateTests
{
    private static IEnumerable<Respondent> Many(int n, Respondent r) => Enumerable.Repeat(r, n);

    private static SurveyDefinition Survey(string[]? concerns = null, string? population = null, int minimum = 5)
    {
        var survey = PublishedSurveys.Survey("gate", "2514", 2031, concerns ?? ["narkotika", "trafik"], ["centrum", "tore", "sangis"],
            ageGroups: ["16-24", "25-44", "45-64"], genders: ["kvinna", "man", "annat"], minimum: minimum);
        return population is null ? survey : survey with { Population = PopulationTable.Parse(population, survey).Cells };
    }

    private static PublishedSurvey Publish(SurveyDefinition survey, IEnumerable<Respondent> answers,
        PreviousCounts? previous = null, bool days = false)
    {
        var people = answers.ToList();
        var dayCounts = days
            ? people.GroupBy(p => p.Day ?? new DateOnly(2026, 11, 2)).OrderBy(g => g.Key).Select(g => new DayCount(g.Key, g.Count())).ToList()
            : null;
        return DisclosureGate.Apply(SurveyFigures.Counts(survey, Respondent.Tallies(survey.Slug, people), previous, dayCounts));
    }

    private static PreviousCounts Previous(SurveyDefinition survey, IEnumerable<Respondent> answers) =>
        new(survey, SurveyFigures.Totals(Respondent.Tallies(survey.Slug, answers).GetValueOrDefault(Dimensions.All) ?? []));

    [Theory]
    [InlineData(1, null)]
    [InlineData(4, null)]
    [InlineData(5, 5L)]
    public void A_free_text_mention_count_is_shown_only_from_the_floor(int mentions, long? shown)
    {
        var survey = Survey();
        var published = Publish(survey, Many(mentions, new Respondent("centrum", Concerns: [], FreeText: "det langas knark vid skolan"))
            .Concat(Many(10, new Respondent("tore", Concerns: ["trafik"]))));

        var narkotika = published.Concerns.Single(c => c.Code == "narkotika");
        narkotika.MentionedInFreeText.Should().Be(shown);
        narkotika.Count.Should().Be(0, "a mention is not a ticked box");
        published.Concerns.Single(c => c.Code == "trafik").MentionedInFreeText.Should().Be(0);
    }

    [Fact]
    public void Mentions_of_a_concern_the_survey_does_not_ask_about_are_not_published()
    {
        var published = Publish(Survey(), Many(6, new Respondent("centrum", Concerns: ["trafik"], FreeText: "klotter överallt")));

        published.Concerns.Select(c => c.Code).Should().NotContain("skadegorelse");
    }

    [Fact]
    public void A_column_with_one_hidden_figure_hides_the_smallest_other_one()
    {
        var column = BreakdownSuppression.HideColumn([40, 3, 12, 25], floor: 5, inherited: null);
        column.Hidden.Should().Equal(false, true, true, false);
    }

    [Fact]
    public void Two_hidden_groups_of_one_get_a_third_partner_since_each_listed_group_has_someone_in_it()
    {
        // Hidden 1 and 1 with their sum 2 known: each is at least 1, so both would be 1.
        var column = BreakdownSuppression.HideColumn([1, 1, 30, 20], floor: 5, inherited: null, atLeastOne: true);
        column.Hidden.Should().Equal(true, true, false, true);
    }

    [Fact]
    public void Hidden_zeros_get_a_partner_that_is_not_zero_and_a_column_of_zeros_hides_nothing()
    {
        // A group's count is hidden because its answered count is; if all hidden ones are 0, the total says so.
        var column = BreakdownSuppression.HideColumn([0, 30, 0], floor: 5, inherited: [true, false, true]);
        column.Hidden.Should().Equal(true, true, true);
        BreakdownSuppression.HideColumn([0, 0, 0], floor: 5, inherited: [true, false, true]).Hidden.Should().OnlyContain(h => !h);
    }

    [Fact]
    public void A_figure_at_most_as_large_as_a_hidden_partner_is_not_pinned_by_it()
    {
        // Answered is at most the group's respondents: 3 and 2 hidden with a sum of 5, each at most 3 and 2: only 3 + 2 fits.
        var column = BreakdownSuppression.HideColumn([3, 2, 40], floor: 5, inherited: null, upper: [3, 2, 45]);
        column.Hidden.Should().Equal(true, true, true);
    }

    [Fact]
    public void A_small_answered_count_is_hidden_with_the_concerns_built_on_it()
    {
        var published = Publish(Survey(), [
            .. Many(30, new(Area: "centrum", Concerns: ["narkotika"])),
            .. Many(2, new(Area: "tore", Concerns: ["trafik"])), .. Many(8, new(Area: "tore")),
            .. Many(12, new(Area: "sangis", Concerns: ["narkotika", "trafik"]))]);

        var groups = published.Breakdown(Dimensions.Area).Groups.ToDictionary(g => g.Value);
        groups["tore"].Respondents.Should().Be(10);
        groups["tore"].Answered.Should().BeNull("2 answered, under the floor of 5");
        groups["tore"].Concerns.Values.Should().OnlyContain(c => c.Count == null && c.Share == null);
        groups.Values.Count(g => g.Answered is null).Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Priority_points_need_as_many_people_as_the_floor()
    {
        var survey = Survey(["narkotika", "trafik", "inbrott", "stold"]);
        var published = Publish(survey, [
            .. Many(2, new(Concerns: ["narkotika"], Priorities: ["narkotika"])),
            .. Many(6, new(Concerns: ["inbrott"], Priorities: ["trafik", "stold", "inbrott"])),
            .. Many(30, new(Concerns: ["trafik"], Priorities: ["trafik"]))]);

        var points = published.Concerns.ToDictionary(c => c.Code, c => c.PriorityPoints);
        points["narkotika"].Should().BeNull("6 points from two people");
        points["inbrott"].Should().Be(6, "six people put it third");
        points["stold"].Should().Be(12);
        points["trafik"].Should().Be(36 * 3);
    }

    [Fact]
    public void Points_counted_before_the_givers_were_are_shown_only_when_the_points_alone_need_enough_people()
    {
        // Tallies from before the worker counted the people behind the points: 13 points need at least five people (4 × 3 = 12).
        var survey = Survey(["narkotika", "trafik"]);
        PublishedSurvey With(long points) => DisclosureGate.Apply(new SurveyCounts
        {
            Survey = survey,
            Total = new TotalCounts(40, 40, new Dictionary<string, ConcernTotal> { ["narkotika"] = new(20, points, 0) }),
            Breakdowns = new Dictionary<string, IReadOnlyList<GroupCounts>>(),
        });
        With(13).Concerns[0].PriorityPoints.Should().Be(13);
        With(12).Concerns[0].PriorityPoints.Should().BeNull();
    }

    [Fact]
    public void The_trend_needs_the_previous_surveys_count_to_be_shown_too()
    {
        var before = Survey() with { Slug = "before" };
        var previous = Previous(before, [
            .. Many(3, new(Concerns: ["narkotika"])), .. Many(20, new(Concerns: ["trafik"])), .. Many(17, new(Concerns: []))]);

        var published = Publish(Survey(), [.. Many(20, new(Concerns: ["narkotika"])), .. Many(30, new(Concerns: ["trafik"]))], previous);

        published.Concerns.Single(c => c.Code == "narkotika").Trend.Should().BeNull("3 of 40 is hidden in the previous survey");
        published.Concerns.Single(c => c.Code == "trafik").Trend!.PreviousShare.Should().Be(0.5);
        published.Previous!.Respondents.Should().Be(40);
    }

    [Fact]
    public void A_previous_survey_with_few_respondents_shows_neither_its_total_nor_a_trend()
    {
        var previous = Previous(Survey() with { Slug = "before" }, Many(4, new(Concerns: ["trafik"])));

        var published = Publish(Survey(), Many(40, new(Concerns: ["trafik"])), previous);

        published.Previous!.Respondents.Should().BeNull();
        published.Concerns.Should().OnlyContain(c => c.Trend == null);
    }

    [Fact]
    public void Days_hide_a_small_day_and_a_partner()
    {
        var day = new DateOnly(2026, 11, 2);
        var published = Publish(Survey(), [
            .. Many(2, new(Concerns: [], Day: day)), .. Many(30, new(Concerns: [], Day: day.AddDays(1))), .. Many(9, new(Concerns: [], Day: day.AddDays(2)))],
            days: true);

        published.Days!.Select(d => d.Responses).Should().Equal(null, 30L, null);
    }

    private const string Population = "ageGroup;gender;population\n16-24;kvinna;100\n16-24;man;100\n25-44;kvinna;300\n25-44;man;300\n45-64;kvinna;300\n45-64;man;300\n";

    [Fact]
    public void With_a_small_group_outside_the_table_the_weights_are_by_age_group_alone()
    {
        // Three answered "annat": outside an age × gender table they would be a small group that the strata give away.
        var answers = Enumerable.Range(0, 90).Select(i => new Respondent(
            Age: i < 20 ? "16-24" : i < 55 ? "25-44" : "45-64", Gender: i % 30 == 7 ? "annat" : i % 2 == 0 ? "kvinna" : "man",
            Concerns: i % 3 == 0 ? ["narkotika", "trafik"] : ["trafik"])).ToList();

        var published = Publish(Survey(population: Population), answers);

        published.Weighting.Should().NotBeNull();
        published.Weighting!.Strata.Should().OnlyContain(s => s.Genders.SequenceEqual(new[] { Weighting.AnyGender }));
        published.Weighting.Strata.Select(s => s.Respondents).Should().Equal(
            published.Breakdown(Dimensions.AgeGroup).Groups.Select(g => g.Answered!.Value), "strata by age group are the age breakdown's own figures");
        published.Weighting.AnsweredOutsideTable.Should().Be(0);
    }

    [Fact]
    public void A_weighted_share_built_on_a_small_count_in_a_stratum_is_hidden_and_the_concern_ranks_by_its_share()
    {
        // narkotika: 2 in the 16-24 women's stratum (under the floor); trafik: at least 5 everywhere.
        var answers = new List<Respondent>();
        foreach (var (age, gender, n, drugs) in new[] { ("16-24", "kvinna", 10, 2), ("16-24", "man", 10, 6), ("25-44", "kvinna", 30, 10),
            ("25-44", "man", 30, 12), ("45-64", "kvinna", 30, 9), ("45-64", "man", 30, 8) })
            for (var i = 0; i < n; i++) answers.Add(new(Age: age, Gender: gender, Concerns: i < drugs ? ["narkotika", "trafik"] : ["trafik"]));

        var published = Publish(Survey(population: Population), answers);

        published.Weighting!.Strata.Should().HaveCount(6);
        published.Concerns.Single(c => c.Code == "narkotika").Weighted.Should().BeNull();
        published.Concerns.Single(c => c.Code == "trafik").Weighted.Should().NotBeNull();
        ConcernRanking.Rank(published).Concerns.Select(c => c.Code).Should().Equal("trafik", "narkotika");
    }

    [Fact]
    public void Weights_that_would_give_away_a_hidden_age_group_are_not_published()
    {
        // 16-24 (3 answers) is hidden and merged with 25-44 to weigh; 45-64 (8) is hidden as its partner. A stratum of its own
        // would publish 45-64's 8 answers, so neither the age × gender nor the age-group weights may be shown.
        var answers = new List<Respondent>
        {
            new(Age: "16-24", Gender: "kvinna", Concerns: ["narkotika"]), new(Age: "16-24", Gender: "kvinna", Concerns: ["narkotika"]),
            new(Age: "16-24", Gender: "man", Concerns: []),
        };
        answers.AddRange(Many(20, new(Age: "25-44", Gender: "kvinna", Concerns: ["narkotika"])));
        answers.AddRange(Many(20, new(Age: "25-44", Gender: "man", Concerns: ["trafik"])));
        answers.AddRange(Many(6, new(Age: "45-64", Gender: "kvinna", Concerns: ["narkotika", "trafik"])));
        answers.AddRange(Many(2, new(Age: "45-64", Gender: "man", Concerns: [])));

        var published = Publish(Survey(population: Population), answers);

        published.Breakdown(Dimensions.AgeGroup).Groups.Select(g => g.Answered).Should().Equal(null, 40L, null);
        published.Weighting.Should().BeNull();
        published.Notes.Should().ContainSingle().Which.Should().Contain("avslöja");
    }

    [Fact]
    public void Hidden_concerns_share_one_rank_after_the_shown_ones_in_code_order()
    {
        var published = Publish(Survey(["narkotika", "trafik", "inbrott", "stold"]), [
            .. Many(4, new(Concerns: ["stold", "trafik"])), .. Many(2, new(Concerns: ["inbrott"])), .. Many(30, new(Concerns: ["narkotika"]))]);

        var ranked = ConcernRanking.Rank(published).Concerns;
        ranked.Select(c => (c.Code, c.Rank, c.Figures.Hidden)).Should().Equal(
            ("narkotika", 1, false), ("inbrott", 2, true), ("stold", 2, true), ("trafik", 2, true));
    }
}
