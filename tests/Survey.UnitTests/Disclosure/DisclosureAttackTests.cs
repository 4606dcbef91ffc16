using System.Text.Json.Nodes;
using Survey.Contracts;
using Survey.Domain.Concerns;
using Survey.Domain.Questions;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.UnitTests.Hosts;
using Survey.UnitTests.Intake;
using Xunit.Abstractions;

namespace Survey.UnitTests.Disclosure;

// The attack suite of issue 8: surveys whose answers are known to the test go into the embedded host,
// and an attacker who reads everything the staff API publishes (the ranking, every breakdown, the
// weights, the previous survey, channels and days) tries to work out each hidden count. First the
// attacks the review found, each as it was done; then random surveys.
public class DisclosureAttackTests(EmbeddedHostFactory factory, ITestOutputHelper output) : IClassFixture<EmbeddedHostFactory>
{
    private readonly PublishedSurveys _surveys = new(factory);

    private static IEnumerable<Respondent> Many(int n, Respondent r) => Enumerable.Repeat(r, n);

    private async Task<(Publication Published, IReadOnlyList<string> Problems)> AttackAsync(
        SurveyDefinition survey, IReadOnlyList<Respondent> answers, string? population = null,
        SurveyDefinition? previous = null, IReadOnlyList<Respondent>? previousAnswers = null)
    {
        if (previous is not null) await _surveys.CreateAsync(previous, previousAnswers!);
        var created = await _surveys.CreateAsync(survey, answers, population);
        var published = await _surveys.ReadAsync(created);
        var problems = Attacker.Recover(published, answers).Concat(Invariants(published, answers)).ToList();
        return (published, problems);
    }

    // What the published figures must satisfy beside "no hidden count can be worked out".
    private static IEnumerable<string> Invariants(Publication p, IReadOnlyList<Respondent> truth)
    {
        var survey = p.Survey;
        var minimum = Math.Max(1, survey.MinimumCellSize);
        bool Small(JsonNode? n, int floor) => n is not null && n.GetValue<long>() is > 0 and var v && v < floor;

        // No count of people from 1 to floor − 1 is shown anywhere.
        if (Small(p.Ranking["respondents"], minimum) || Small(p.Ranking["answeredConcerns"], minimum)) yield return "a small survey total is shown";
        foreach (var (by, ranking) in p.ByDimension)
            foreach (var g in ranking["breakdown"]!["groups"]!.AsArray())
            {
                if (Small(g!["respondents"], minimum) || Small(g["answered"], minimum)) yield return $"a small {by} group is shown";
                foreach (var c in g["concerns"]!.AsArray())
                    if (Small(c!["count"], survey.FloorFor(c["code"]!.GetValue<string>()))) yield return $"a small {by} count is shown";
            }
        foreach (var c in p.Channels["channels"]!.AsArray())
            if (Small(c!["respondents"], minimum)) yield return "a small channel is shown";
        foreach (var d in p.Channels["days"]!.AsArray())
            if (Small(d!["responses"], minimum)) yield return "a small day is shown";

        // /channels hides exactly what ?by=channel hides.
        var byChannel = p.ByDimension[Dimensions.Channel]["breakdown"]!["groups"]!.AsArray()
            .ToDictionary(g => g!["value"]?.GetValue<string>() ?? "", g => g!["respondents"]?.GetValue<long>());
        foreach (var c in p.Channels["channels"]!.AsArray())
            if (byChannel.GetValueOrDefault(c!["channel"]?.GetValue<string>() ?? "") != c["respondents"]?.GetValue<long>())
                yield return $"/channels and ?by=channel disagree on {c["channel"]}";

        foreach (var c in p.Ranking["concerns"]!.AsArray())
        {
            var code = c!["code"]!.GetValue<string>();
            // Priority points only from at least as many people as the floor.
            if (c["priorityPoints"]?.GetValue<long>() is > 0 && truth.Count(r => r.Priorities?.Contains(code) == true) < survey.FloorFor(code))
                yield return $"the priority points of {code} come from fewer than {survey.FloorFor(code)} people";
            // A change is only shown when the previous survey shows its count.
            if (c["trend"] is not null)
            {
                var before = p.PreviousRanking?["concerns"]!.AsArray().SingleOrDefault(x => x!["code"]!.GetValue<string>() == code);
                if (before?["count"] is null || p.PreviousRanking!["answeredConcerns"] is null)
                    yield return $"the trend of {code} gives away the previous survey's hidden count";
            }
        }
        if (Small(p.Ranking["previousSurvey"]?["respondents"], minimum)) yield return "the previous survey's small total is shown";

        foreach (var problem in QuestionInvariants(p)) yield return problem;

        // The effective sample size follows from the published strata, so it tells nothing more.
        if (p.Ranking["weighting"] is JsonObject w)
        {
            var answered = p.Ranking["answeredConcerns"]!.GetValue<double>();
            var squares = w["strata"]!.AsArray().Sum(s => s!["respondents"]!.GetValue<double>() * Math.Pow(s["weight"]!.GetValue<double>(), 2))
                + w["answeredOutsideTable"]!.GetValue<double>();
            if (Math.Abs(answered * answered / squares - w["effectiveSampleSize"]!.GetValue<double>()) > 1e-6)
                yield return "the effective sample size is not the one the published strata give";
            if (w["strata"]!.AsArray().Any(s => Small(s!["respondents"], minimum)) || Small(w["answeredOutsideTable"], minimum))
                yield return "a small stratum is shown";
        }
    }

    // The survey's own questions: no small count, nothing built on a hidden count, and the same figures in both views of a single-choice question.
    private static IEnumerable<string> QuestionInvariants(Publication p)
    {
        var minimum = Math.Max(1, p.Survey.MinimumCellSize);
        static long? Long(JsonNode? n) => n?.GetValue<long>();
        bool Small(long? n) => n is > 0 && n < minimum;
        foreach (var q in p.Survey.Questions ?? [])
        {
            var results = p.Questions[q.Code];
            var answered = Long(results["answered"]);
            if (Small(answered) || Small(Long(results["mean"]?["answers"]))) yield return $"question {q.Code}: a small answered count is shown";
            foreach (var v in results["values"]!.AsArray())
            {
                var code = v!["code"]!.GetValue<string>();
                if (Small(Long(v["count"]))) yield return $"question {q.Code} '{code}': a small count is shown";
                if (v["count"] is null && (v["share"] ?? v["ciLow"] ?? v["ciHigh"]) is not null)
                    yield return $"question {q.Code} '{code}': a share is shown for a hidden count";
                if (v["count"] is null != v["hidden"]!.GetValue<bool>()) yield return $"question {q.Code} '{code}': hidden says otherwise";
            }
            if (results["mean"] is not null && results["values"]!.AsArray().Take(5).Any(v => v!["count"] is null))
                yield return $"question {q.Code}: the mean is shown beside a hidden step";

            foreach (var problem in ComparisonInvariants(p, q, results)) yield return problem;

            if (q.Type != QuestionTypes.SingleChoice) continue;
            var groups = p.ByDimension[Dimensions.Question(q.Code)]["breakdown"]!["groups"]!.AsArray()
                .ToDictionary(g => g!["value"]?.GetValue<string>() ?? "", g => g!);
            foreach (var v in results["values"]!.AsArray())
            {
                var code = v!["code"]!.GetValue<string>();
                var group = groups.GetValueOrDefault(code);
                if (Long(v["count"]) != (group is null ? (p.Ranking["respondents"] is null ? null : 0) : Long(group["respondents"])))
                    yield return $"question {q.Code} '{code}': the results and ?by={q.Code} disagree";
            }
            if (answered is { } n && Long(p.Ranking["respondents"]) - (groups.TryGetValue("", out var skipped) ? Long(skipped["respondents"]) : 0) != n)
                yield return $"question {q.Code}: the answered count is not the respondents less the group that did not answer";
        }
    }

    // A question's comparison with the previous survey uses only what the previous survey's own results show, and nothing
    // that would be small under either survey's floor: its share then is its count then over those who answered then.
    private static IEnumerable<string> ComparisonInvariants(Publication p, LocalQuestion q, JsonNode results)
    {
        static long? Long(JsonNode? n) => n?.GetValue<long>();
        var comparison = results["comparison"];
        if (p.PreviousRanking is null)
        {
            if (comparison is not null) yield return $"question {q.Code}: a comparison without a previous survey";
            yield break;
        }
        var asked = p.PreviousQuestions.GetValueOrDefault(q.Code);
        if (comparison is null || comparison["compared"]!.GetValue<bool>() != (asked?["type"]!.GetValue<string>() == q.Type))
        {
            yield return $"question {q.Code}: compared, or not, against a question of another type or none";
            yield break;
        }
        var floor = Math.Max(Math.Max(1, p.Survey.MinimumCellSize), p.PreviousSurvey?.MinimumCellSize ?? 1);
        var answeredThen = Long(comparison["previousAnswered"]);
        if (answeredThen is not null && answeredThen != Long(asked?["answered"])) yield return $"question {q.Code}: the answered count then is not the previous survey's own";
        if (comparison["previousMean"] is { } mean && mean["mean"]!.GetValue<double>() != asked?["mean"]?["mean"]?.GetValue<double>())
            yield return $"question {q.Code}: the mean then is not one the previous survey shows";
        foreach (var v in results["values"]!.AsArray())
        {
            if (v!["trend"] is not { } trend) continue;
            var code = v["code"]!.GetValue<string>();
            var then = asked?["values"]!.AsArray().SingleOrDefault(x => x!["code"]!.GetValue<string>() == code);
            if (Long(then?["count"]) is not { } count || answeredThen is not { } n)
                yield return $"question {q.Code} '{code}': the trend gives away the previous survey's hidden count";
            else if (Math.Abs(trend["previousShare"]!.GetValue<double>() - (double)count / n) > 1e-12)
                yield return $"question {q.Code} '{code}': the share then is not the previous survey's count over its answered";
            else if (count is > 0 && count < floor || n < floor)
                yield return $"question {q.Code} '{code}': the trend is built on a count small under this survey's floor";
        }
    }

    [Fact]
    public async Task The_trend_does_not_give_away_the_previous_surveys_hidden_count()
    {
        var (municipality, year) = PublishedSurveys.NextSlot();
        var previous = PublishedSurveys.Survey($"atk-trend-a-{Guid.NewGuid():N}"[..24], municipality, year - 1, ["narkotika", "trafik"], []);
        var survey = PublishedSurveys.Survey($"atk-trend-b-{Guid.NewGuid():N}"[..24], municipality, year, ["narkotika", "trafik"], []);
        // Before: 3 of 40 named narkotika (hidden), so previousShare × 40 gave the 3 away.
        Respondent[] before = [.. Many(3, new(Concerns: ["narkotika"])), .. Many(20, new(Concerns: ["trafik"])), .. Many(17, new(Concerns: []))];
        Respondent[] now = [.. Many(20, new(Concerns: ["narkotika"])), .. Many(25, new(Concerns: ["trafik"])), .. Many(5, new(Concerns: []))];

        var (published, problems) = await AttackAsync(survey, now, previous: previous, previousAnswers: before);

        problems.Should().BeEmpty();
        var concerns = published.Ranking["concerns"]!.AsArray();
        concerns.Single(c => c!["code"]!.GetValue<string>() == "narkotika")!["trend"].Should().BeNull("3 of 40 is hidden in the previous survey");
        concerns.Single(c => c!["code"]!.GetValue<string>() == "trafik")!["trend"]!["previousShare"]!.GetValue<double>().Should().Be(0.5);
    }

    private const string Population3 = "ageGroup;gender;population\n16-24;kvinna;100\n16-24;man;100\n25-44;kvinna;300\n25-44;man;300\n45-64;kvinna;300\n45-64;man;300\n";

    [Fact]
    public async Task Weights_and_a_weighted_share_do_not_solve_hidden_age_groups()
    {
        // 16-24 has 3 answers: hidden, and merged with 25-44 to weigh. 45-64 (8) is hidden with it as the smallest other
        // group. Published as before, the answers of the 45-64 stratum gave its hidden count away, and the weighted share
        // (weights differ between the strata) with the margin's sum gave 16-24's narkotika (2) away.
        var survey = PublishedSurveys.Survey($"atk-weights-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031,
            ["narkotika", "trafik"], [], ageGroups: ["16-24", "25-44", "45-64"], genders: ["kvinna", "man"]);
        Respondent[] answers =
        [
            new(Age: "16-24", Gender: "kvinna", Concerns: ["narkotika"]), new(Age: "16-24", Gender: "kvinna", Concerns: ["narkotika"]),
            new(Age: "16-24", Gender: "man", Concerns: []),
            .. Many(6, new(Age: "25-44", Gender: "kvinna", Concerns: ["narkotika", "trafik"])), .. Many(14, new(Age: "25-44", Gender: "kvinna", Concerns: ["trafik"])),
            .. Many(6, new(Age: "25-44", Gender: "man", Concerns: ["narkotika"])), .. Many(14, new(Age: "25-44", Gender: "man", Concerns: [])),
            .. Many(6, new(Age: "45-64", Gender: "kvinna", Concerns: ["narkotika", "trafik"])), .. Many(2, new(Age: "45-64", Gender: "man", Concerns: [])),
        ];

        var (published, problems) = await AttackAsync(survey, answers, Population3);

        problems.Should().BeEmpty();
        output.WriteLine(published.Ranking["weighting"]?.ToJsonString() ?? "no weighting: " + published.Ranking["warnings"]!.ToJsonString());
    }

    [Fact]
    public async Task A_weighted_share_does_not_give_away_the_age_by_gender_table()
    {
        // The security review's case: with whole numbers, the weighted share of våld i nära relation had exactly one
        // age × gender table behind it, and 45-64 men were 2 (merged with the women into one stratum). Never published.
        var survey = PublishedSurveys.Survey($"atk-wgt1-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031,
            ["vald-i-nara-relation", "trafik"], [], ageGroups: ["16-24", "25-44", "45-64"], genders: ["kvinna", "man"]);
        var answers = new List<Respondent>();
        foreach (var (age, gender, answered, named) in new (string?, string, int, int)[]
            { ("16-24", "kvinna", 8, 5), ("16-24", "man", 9, 6), ("25-44", "kvinna", 10, 7), ("25-44", "man", 11, 5),
              ("45-64", "kvinna", 6, 5), ("45-64", "man", 3, 2), (null, "kvinna", 5, 0), (null, "man", 5, 0) })
            for (var i = 0; i < answered; i++)
                answers.Add(new(Age: age, Gender: gender, Concerns: i < named ? ["vald-i-nara-relation"] : []));
        const string population = "ageGroup;gender;population\n16-24;kvinna;1013\n16-24;man;877\n25-44;kvinna;1091\n25-44;man;1297\n45-64;kvinna;1151\n45-64;man;1033\n";

        var (published, problems) = await AttackAsync(survey, answers, population);

        problems.Should().BeEmpty();
        published.Ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "vald-i-nara-relation")!["weightedShare"]
            .Should().BeNull("45-64 men who named it are 2: the table behind the weighted share may not be shown");
    }

    [Fact]
    public async Task Why_weighting_is_withheld_is_said_without_a_count()
    {
        // The review's case: "fewer than 5 answers outside the table" beside the breakdowns pinned the answers without an age to 4.
        var survey = PublishedSurveys.Survey($"atk-note-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031,
            ["narkotika", "trafik"], [], ageGroups: ["16-24", "25-44"], genders: ["kvinna", "man"]);
        Respondent[] answers =
        [
            .. Many(4, new(Gender: "kvinna", Concerns: ["narkotika"])), .. Many(6, new(Gender: "man")),
            .. Many(3, new(Age: "16-24", Gender: "kvinna", Concerns: ["trafik"])), .. Many(2, new(Age: "16-24", Gender: "man", Concerns: ["trafik"])),
            .. Many(10, new(Age: "25-44", Gender: "kvinna", Concerns: ["narkotika"])), .. Many(10, new(Age: "25-44", Gender: "man", Concerns: ["trafik"])),
        ];
        const string population = "ageGroup;gender;population\n16-24;kvinna;100\n16-24;man;100\n25-44;kvinna;300\n25-44;man;300\n";

        var (published, problems) = await AttackAsync(survey, answers, population);

        problems.Should().BeEmpty();
        published.Ranking["weighting"].Should().BeNull();
        published.Ranking["warnings"]!.AsArray().Select(w => w!.GetValue<string>())
            .Should().Contain(Survey.Domain.Disclosure.DisclosureGate.WeightingWithheld)
            .And.OnlyContain(w => !w.Any(char.IsDigit) || w.StartsWith("Endast", StringComparison.Ordinal), "a note that names a count states a range of a hidden one");
    }

    [Fact]
    public async Task The_effective_sample_size_does_not_give_away_strata_hidden_beside_a_small_group_outside_the_table()
    {
        // 3 answers with gender "annat" are outside the table: before, the strata's answers were hidden, but the
        // effective sample size (and the weighted intervals built on it) was shown and solved for them.
        var survey = PublishedSurveys.Survey($"atk-neff-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031,
            ["narkotika", "trafik"], [], ageGroups: ["16-24", "25-44", "45-64"]);
        var random = new Random(11);
        var answers = Enumerable.Range(0, 90).Select(i => new Respondent(
            Age: i < 12 ? "16-24" : i < 50 ? "25-44" : "45-64",
            Gender: i % 30 == 7 ? "annat" : i % 2 == 0 ? "kvinna" : "man",
            Concerns: [.. random.NextDouble() < 0.4 ? ["narkotika"] : Array.Empty<string>(), .. random.NextDouble() < 0.5 ? ["trafik"] : Array.Empty<string>()]))
            .ToList();

        var (published, problems) = await AttackAsync(survey, answers, Population3);

        problems.Should().BeEmpty();
        if (published.Ranking["weighting"] is JsonObject weighting)
            weighting["answeredOutsideTable"]!.GetValue<long>().Should().NotBe(3, "the 3 outside the table are a small group");
    }

    [Fact]
    public async Task A_small_answered_count_of_a_group_is_hidden_and_cannot_be_worked_out()
    {
        // Töre: 10 respondents, 2 of whom answered the concern question. Before, "answered": 2 was shown.
        var survey = PublishedSurveys.Survey($"atk-answered-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031,
            ["narkotika", "trafik"], ["centrum", "tore", "sangis"]);
        Respondent[] answers =
        [
            .. Many(30, new(Area: "centrum", Concerns: ["narkotika"])), .. Many(10, new(Area: "centrum", Concerns: ["trafik"])),
            .. Many(2, new(Area: "tore", Concerns: ["trafik"])), .. Many(8, new(Area: "tore")),
            .. Many(12, new(Area: "sangis", Concerns: ["narkotika", "trafik"])),
        ];

        var (published, problems) = await AttackAsync(survey, answers);

        problems.Should().BeEmpty();
        var tore = published.ByDimension[Dimensions.Area]["breakdown"]!["groups"]!.AsArray().Single(g => g!["value"]!.GetValue<string>() == "tore")!;
        tore["respondents"]!.GetValue<long>().Should().Be(10);
        tore["answered"].Should().BeNull();
    }

    [Fact]
    public async Task Priority_points_from_two_people_are_hidden()
    {
        // Two people put narkotika first: 6 points, at the floor of 5, but from two people.
        var survey = PublishedSurveys.Survey($"atk-points-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031,
            ["narkotika", "trafik", "inbrott"], []);
        Respondent[] answers =
        [
            .. Many(2, new(Concerns: ["narkotika", "trafik"], Priorities: ["narkotika", "trafik"])),
            .. Many(30, new(Concerns: ["narkotika", "trafik"], Priorities: ["trafik"])),
            .. Many(6, new(Concerns: ["inbrott"], Priorities: ["trafik", "narkotika", "inbrott"])),
        ];

        var (published, problems) = await AttackAsync(survey, answers);

        problems.Should().BeEmpty();
        var points = published.Ranking["concerns"]!.AsArray().ToDictionary(c => c!["code"]!.GetValue<string>(), c => c!["priorityPoints"]?.GetValue<long>());
        points["inbrott"].Should().Be(6, "six people put inbrott third");
        points["narkotika"].Should().Be(18, "two people's first choice and six people's second: eight people");
        points["trafik"].Should().Be(2 * 2 + 30 * 3 + 6 * 3);

        var few = PublishedSurveys.Survey($"atk-points2-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031, ["narkotika", "trafik"], []);
        // Ten name narkotika (shown), two of them put it first: 6 points, at the floor, from two people.
        (published, problems) = await AttackAsync(few, [
            .. Many(2, new(Concerns: ["narkotika"], Priorities: ["narkotika"])), .. Many(8, new(Concerns: ["narkotika"])),
            .. Many(30, new(Concerns: ["trafik"], Priorities: ["trafik"]))]);
        problems.Should().BeEmpty();
        var drugs = published.Ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "narkotika")!;
        drugs["count"]!.GetValue<long>().Should().Be(10);
        drugs["priorityPoints"].Should().BeNull("6 points from two people");
    }

    [Fact]
    public async Task Channels_and_days_hide_what_the_channel_breakdown_hides()
    {
        var survey = PublishedSurveys.Survey($"atk-channels-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031, ["narkotika", "trafik"], []);
        var day = new DateOnly(2026, 11, 2);
        Respondent[] answers =
        [
            .. Many(2, new(Channel: "affisch", Concerns: ["trafik"], Day: day)),
            .. Many(30, new(Channel: "facebook", Concerns: ["narkotika"], Day: day.AddDays(1))),
            .. Many(20, new(Concerns: ["trafik"], Day: day.AddDays(2))),
        ];

        var (published, problems) = await AttackAsync(survey, answers);

        problems.Should().BeEmpty();
        var channels = published.Channels["channels"]!.AsArray();
        channels.Should().NotContain(c => c!["channel"] != null && c["channel"]!.GetValue<string>() == "affisch", "a hidden channel is not named");
        channels.Single(c => c!["channel"]?.GetValue<string>() == ChannelCode.Others)!["respondents"].Should().BeNull();
        channels.Count(c => c!["respondents"] is null).Should().Be(2, "one hidden channel could be worked out from the total");
        published.Channels["days"]!.AsArray().Count(d => d!["responses"] is null).Should().Be(2);
    }

    private static LocalQuestion Question(string code, string type, params string[] options) => new()
    {
        Code = code,
        Type = type,
        Label = new Dictionary<string, string> { ["sv"] = $"Fråga {code}" },
        Options = options.Length == 0 ? null : options.Select(o => new QuestionOption(o, new Dictionary<string, string> { ["sv"] = o })).ToList(),
    };

    private static Respondent Answering(string code, string type, params string[] values) =>
        new(Concerns: ["trafik"], Answers: [new QuestionAnswer { Code = code, Type = type, Values = values }]);

    [Fact]
    public async Task Few_answers_to_a_single_choice_question_cannot_be_worked_out_from_those_who_skipped_it()
    {
        // The campaign's seed 135: 1 and 4 answered the two options, both hidden, and 72 did not answer. The question's
        // answered count (5) was hidden, but the survey's respondents less the group that did not answer, shown in ?by=, gave it.
        var survey = PublishedSurveys.Survey($"atk-skipped-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031,
            ["narkotika", "trafik"], [], minimum: 6, questions: [Question("trygg", QuestionTypes.SingleChoice, "ja", "nej")]);
        Respondent[] answers =
        [
            Answering("trygg", QuestionTypes.SingleChoice, "ja"), .. Many(4, Answering("trygg", QuestionTypes.SingleChoice, "nej")),
            .. Many(40, new(Concerns: ["narkotika"])), .. Many(32, new(Concerns: ["trafik"])),
        ];

        var (published, problems) = await AttackAsync(survey, answers);

        problems.Should().BeEmpty();
        published.Questions["trygg"]["answered"].Should().BeNull("5 answered");
        published.ByDimension[Dimensions.Question("trygg")]["breakdown"]!["groups"]!.AsArray()
            .Single(g => g!["value"] is null)!["respondents"].Should().BeNull("77 respondents less the 72 who skipped the question are the 5 who answered it");
    }

    private static Respondent[] Graded(params (string Step, int Count)[] steps) =>
        [.. steps.SelectMany(s => Many(s.Count, Answering("betyg", QuestionTypes.Scale, s.Step)))];

    [Fact]
    public async Task A_hidden_vet_inte_hides_a_step_with_it_and_so_the_mean()
    {
        // Two said "vet inte": hidden, and the smallest step with it (answered − the steps would give it). The mean of the
        // steps 1–5 would then pin the hidden step (and with it "vet inte"): it is not shown.
        var survey = PublishedSurveys.Survey($"atk-vetinte-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031,
            ["narkotika", "trafik"], [], questions: [Question("betyg", QuestionTypes.Scale)]);
        var answers = Graded(("1", 10), ("3", 8), ("4", 12), ("5", 7), (QuestionTypes.DontKnow, 2));

        var (published, problems) = await AttackAsync(survey, answers);

        problems.Should().BeEmpty();
        var results = published.Questions["betyg"];
        results["values"]!.AsArray().Where(v => v!["count"] is null).Select(v => v!["code"]!.GetValue<string>()).Should().Equal("5", "vet-inte");
        results["mean"].Should().BeNull();
    }

    [Fact]
    public async Task The_attacker_solves_hidden_steps_with_a_scales_mean()
    {
        // The attacker can fail: the same survey, its publication altered to carry the mean of the steps as if the rule
        // allowed it. Σ step × count = mean × answers, beside the shown steps, is one equation for the one hidden step.
        var survey = PublishedSurveys.Survey($"atk-mean-{Guid.NewGuid():N}"[..24], PublishedSurveys.NextSlot().Municipality, 2031,
            ["narkotika", "trafik"], [], questions: [Question("betyg", QuestionTypes.Scale)]);
        var answers = Graded(("1", 10), ("3", 8), ("4", 12), ("5", 7), (QuestionTypes.DontKnow, 2));
        var published = await _surveys.ReadAsync(await _surveys.CreateAsync(survey, answers));
        Attacker.Recover(published, answers).Should().BeEmpty();

        published.Questions["betyg"]["mean"] = new JsonObject
        {
            ["mean"] = (10 * 1 + 8 * 3 + 12 * 4 + 7 * 5) / 37.0, ["ciLow"] = 1.0, ["ciHigh"] = 5.0, ["answers"] = 37L,
        };

        Attacker.Recover(published, answers).Should().Contain("question betyg '5' = 7").And.Contain("question betyg 'vet-inte' = 2");
    }

    [Fact]
    public async Task Random_surveys_give_no_hidden_count_away()
    {
        // DISCLOSURE_ATTACK_SURVEYS=500 ./test.sh --filter Disclosure runs a longer campaign.
        var surveys = int.TryParse(Environment.GetEnvironmentVariable("DISCLOSURE_ATTACK_SURVEYS"), out var n) ? n : 24;
        var first = int.TryParse(Environment.GetEnvironmentVariable("DISCLOSURE_ATTACK_FIRST_SEED"), out var f) ? f : 1;
        var failures = new List<string>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (hidden, hiddenInQuestions, trends, trendsHidden, notes) = (0, 0, 0, 0, 0);
        for (var seed = first; seed < first + surveys; seed++)
        {
            var (survey, answers, population, previous, previousAnswers) = RandomSurvey(seed);
            var (published, problems) = await AttackAsync(survey, answers, population, previous, previousAnswers);
            hidden += CountHidden(published);
            hiddenInQuestions += QuestionsHidden(published)
                + published.ByDimension.Where(d => d.Key.StartsWith(Dimensions.QuestionPrefix, StringComparison.Ordinal))
                    .Sum(d => d.Value["breakdown"]!["groups"]!.AsArray().Count(g => g!["respondents"] is null));
            var values = published.Questions.Values.SelectMany(q => q["values"]!.AsArray()).ToList();
            trends += values.Count(v => v!["trend"] is not null);
            trendsHidden += values.Count(v => v!["trendHidden"]!.GetValue<bool>());
            notes += published.Questions.Values.Count(q => q["comparison"]?["note"] is not null);
            failures.AddRange(problems.Select(p => $"seed {seed}: {p}"));
            if (surveys > 24) output.WriteLine($"seed {seed}: {Attacker.Statistics}, {problems.Count} problems");
        }
        output.WriteLine($"{surveys} random surveys, {hidden} hidden figures attacked ({hiddenInQuestions} of the surveys' own questions), " +
            $"in {started.Elapsed.TotalSeconds:F1} s; {trends} question trends shown, {trendsHidden} hidden, {notes} comparison notes");
        hidden.Should().BeGreaterThan(surveys * 4, "the random surveys must have small cells for the attack to mean anything");
        hiddenInQuestions.Should().BeGreaterThan(surveys / 2, "and so must the surveys' own questions");
        failures.Should().BeEmpty();
    }

    private static int CountHidden(Publication p) =>
        p.ByDimension.Values.Sum(r => r["breakdown"]!["groups"]!.AsArray()
            .Sum(g => (g!["respondents"] is null ? 1 : 0) + (g["answered"] is null ? 1 : 0) + g["concerns"]!.AsArray().Count(c => c!["count"] is null)))
        + p.Channels["days"]!.AsArray().Count(d => d!["responses"] is null)
        + QuestionsHidden(p);

    // The hidden figures of the survey's own questions that are not a breakdown's (a single-choice option is a group).
    private static int QuestionsHidden(Publication p) => (p.Survey.Questions ?? []).Sum(q =>
        (p.Questions[q.Code]["answered"] is null ? 1 : 0)
        + (q.Type == QuestionTypes.SingleChoice ? 0 : p.Questions[q.Code]["values"]!.AsArray().Count(v => v!["count"] is null)));

    // A survey with small and uneven groups, sometimes a population table and a previous survey.
    internal static (SurveyDefinition, List<Respondent>, string?, SurveyDefinition?, List<Respondent>?) RandomSurvey(int seed)
    {
        var random = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        var (municipality, year) = PublishedSurveys.NextSlot();
        var concerns = ConcernTaxonomy.All.Select(c => c.Code).OrderBy(_ => random.Next()).Take(random.Next(3, 6)).ToList();
        var areas = new[] { "centrum", "tore", "sangis", "morjarv" }.Take(random.Next(1, 4)).ToList();
        var ages = SurveyDefaults.AgeGroups.Take(random.Next(2, 5)).ToList();
        string[] genders = ["kvinna", "man", "annat"];
        var channels = new[] { "facebook", "affisch", "webb" }.Take(random.Next(0, 4)).ToList();
        var minimum = random.Next(3, 7);
        var floors = random.Next(2) == 0 ? new Dictionary<string, int> { [concerns[0]] = minimum + 3 } : null;
        var slug = $"atk-r{seed}-{Guid.NewGuid():N}"[..20];

        List<Respondent> People(int n, IReadOnlyList<LocalQuestion> questions)
        {
            // Uneven groups: each value gets a random weight, some very small.
            double[] Weights(int count) => Enumerable.Range(0, count).Select(_ => Math.Pow(random.NextDouble(), 2) + 0.02).ToArray();
            string? Draw(IReadOnlyList<string> values, double[] weights, double missing)
            {
                if (values.Count == 0 || random.NextDouble() < missing) return null;
                var x = random.NextDouble() * weights.Sum();
                for (var i = 0; i < values.Count; i++) if ((x -= weights[i]) <= 0) return values[i];
                return values[^1];
            }
            var (wa, wg, wc, wd) = (Weights(areas.Count), Weights(ages.Count), new[] { 1.0, 1.0, 0.08 }, Weights(channels.Count));
            var rate = concerns.ToDictionary(c => c, _ => random.NextDouble() * 0.5);
            var days = Enumerable.Range(0, random.Next(1, 6)).Select(d => new DateOnly(2026, 11, 2).AddDays(d)).ToList();
            // Each question skipped by some, its options (or steps) uneven, some very rare.
            var skip = questions.Select(_ => random.Next(8) == 0 ? 0.85 + random.NextDouble() * 0.14 : random.NextDouble() * 0.4).ToArray();
            var weights = questions.Select(q => Enumerable.Range(0, q.Values.Count).Select(_ => Math.Pow(random.NextDouble(), 3) + 0.01).ToArray()).ToArray();
            QuestionAnswer? Answer(int i, string? area)
            {
                var q = questions[i];
                if (random.NextDouble() < skip[i]) return null;
                IReadOnlyList<string> given = q.Type switch
                {
                    QuestionTypes.Text => ["Mer ljus vid torget"],
                    QuestionTypes.MultipleChoice => q.Values.Where((_, k) => random.NextDouble() < weights[i][k]).ToArray(),
                    // Answers that go with the area a little, so that a question's breakdown is not independent of the others.
                    _ => [Draw(q.Values, area == areas[0] ? weights[i].Reverse().ToArray() : weights[i], 0)!],
                };
                return new QuestionAnswer { Code = q.Code, Type = q.Type, Values = given };
            }
            return Enumerable.Range(0, n).Select(_ =>
            {
                var area = Draw(areas, wa, 0.1);
                var named = random.NextDouble() < 0.85
                    ? concerns.Where(c => random.NextDouble() < rate[c] * (area == areas[0] ? 1.5 : 0.7)).ToArray()
                    : null;
                var answers = questions.Select((_, i) => Answer(i, area)).OfType<QuestionAnswer>().ToArray();
                return new Respondent(area, Draw(ages, wg, 0.08), Draw(genders, wc, 0.05), Draw(channels, wd, 0.3), named,
                    named is { Length: > 0 } ? named.OrderBy(_ => random.Next()).Take(3).ToArray() : null,
                    Pick(days), answers.Length == 0 ? null : answers);
            }).ToList();
        }

        var questions = RandomQuestions(random);
        var survey = PublishedSurveys.Survey(slug, municipality, year, concerns, areas, ages, genders, minimum, floors, questions);
        var answers = People(random.Next(15, 90), questions);
        var population = random.Next(10) < 6
            ? "ageGroup;gender;population\n" + string.Concat(ages.SelectMany(a => new[] { "kvinna", "man" }.Select(g => $"{a};{g};{random.Next(100, 3000)}\n")))
            : null;
        if (random.Next(2) == 0) return (survey, answers, population, null, null);
        // The previous survey asked most of the same questions, some worded differently, some as another type; its floor may differ.
        var previousQuestions = questions.Where(_ => random.Next(5) > 0).Select(q => random.Next(6) switch
        {
            0 => q with { Label = new Dictionary<string, string> { ["sv"] = q.LabelIn("sv") + " förr" } },
            1 when q.Type != QuestionTypes.Scale => q with { Type = QuestionTypes.Scale, Options = null },
            1 => q with
            {
                Type = QuestionTypes.MultipleChoice,
                Options = [new("alt-1", new Dictionary<string, string> { ["sv"] = "Ja" }), new("alt-2", new Dictionary<string, string> { ["sv"] = "Nej" })],
            },
            _ => q,
        }).ToList();
        var previous = PublishedSurveys.Survey(slug + "-p", municipality, year - 1, concerns.Take(3).ToList(), areas, ages, genders,
            random.Next(2) == 0 ? minimum : random.Next(3, 7), questions: previousQuestions);
        return (survey, answers, population, previous, People(random.Next(10, 60), previousQuestions));
    }

    // None to three questions of the survey's own: single choice and scale most often, multiple choice, sometimes text. At
    // most two single-choice questions, each a breakdown and so a dimension of the attacker's table.
    private static List<LocalQuestion> RandomQuestions(Random random)
    {
        var questions = new List<LocalQuestion>();
        string[] types = [QuestionTypes.SingleChoice, QuestionTypes.SingleChoice, QuestionTypes.Scale, QuestionTypes.Scale, QuestionTypes.MultipleChoice, QuestionTypes.Text];
        for (var i = random.Next(4); i > 0; i--)
        {
            var type = types[random.Next(types.Length)];
            if (type == QuestionTypes.SingleChoice && questions.Count(q => q.Type == QuestionTypes.SingleChoice) == 2) type = QuestionTypes.Scale;
            var options = type is QuestionTypes.SingleChoice or QuestionTypes.MultipleChoice
                ? Enumerable.Range(1, random.Next(2, type == QuestionTypes.SingleChoice ? 4 : 5))
                    .Select(k => new QuestionOption($"alt-{k}", new Dictionary<string, string> { ["sv"] = $"Alternativ {k}" })).ToList()
                : null;
            questions.Add(new LocalQuestion
            {
                Code = $"fraga-{questions.Count + 1}",
                Type = type,
                Label = new Dictionary<string, string> { ["sv"] = $"Fråga {questions.Count + 1}" },
                Options = options,
            });
        }
        return questions;
    }
}
