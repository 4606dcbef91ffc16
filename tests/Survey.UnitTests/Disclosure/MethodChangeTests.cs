using Survey.Contracts;
using Survey.Domain.Disclosure;
using Survey.Domain.Questions;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.Staff.Disclosure;

namespace Survey.UnitTests.Disclosure;

// A survey's own questions against the same municipality's previous survey: the comparison, "metodbyte" when the wording
// changed, none when the type did, and the previous figures only where both surveys' gates would show them.
public class MethodChangeTests
{
    private static IEnumerable<Respondent> Many(int n, Respondent r) => Enumerable.Repeat(r, n);

    private static LocalQuestion Single(string label, params (string Code, string Label)[] options) => new()
    {
        Code = "trygg",
        Type = QuestionTypes.SingleChoice,
        Label = new Dictionary<string, string> { ["sv"] = label },
        Options = options.Select(o => new QuestionOption(o.Code, new Dictionary<string, string> { ["sv"] = o.Label })).ToList(),
    };

    private static LocalQuestion Scale(string label = "Hur nöjd är du med polisens närvaro?") => new()
    {
        Code = "trygg", Type = QuestionTypes.Scale, Label = new Dictionary<string, string> { ["sv"] = label },
    };

    private static readonly LocalQuestion YesNo = Single("Känner du dig trygg i centrum på kvällen?", ("ja", "Ja"), ("nej", "Nej"));

    private static SurveyDefinition Survey(int year, LocalQuestion? question, int minimum = 5, string[]? concerns = null, string[]? languages = null) =>
        PublishedSurveys.Survey($"metod-{year}", "2514", year, concerns ?? ["narkotika", "trafik"], [], minimum: minimum,
            questions: question is null ? null : [question]) with { Languages = languages ?? ["sv"] };

    private static Respondent Answer(LocalQuestion q, string value, string[]? concerns = null) =>
        new(Concerns: concerns ?? ["trafik"], Answers: [new QuestionAnswer { Code = q.Code, Type = q.Type, Values = [value] }]);

    private static IEnumerable<Respondent> Answers(LocalQuestion q, params (string Value, int Count)[] counts) =>
        counts.SelectMany(c => Many(c.Count, Answer(q, c.Value)));

    private static PublishedSurvey Publish(SurveyDefinition survey, IEnumerable<Respondent> answers, SurveyDefinition previous, IEnumerable<Respondent> before)
    {
        var rows = Respondent.Tallies(previous.Slug, before).GetValueOrDefault(Dimensions.All) ?? [];
        return DisclosureGate.Apply(SurveyFigures.Counts(survey, Respondent.Tallies(survey.Slug, answers), SurveyFigures.Previous(previous, rows), null));
    }

    private static PublishedQuestionValue ValueOf(PublishedSurvey published, string value) =>
        published.Questions.Single().Values.Single(v => v.Value == value);

    [Fact]
    public void The_same_wording_is_compared_without_a_note()
    {
        var published = Publish(Survey(2032, YesNo), Answers(YesNo, ("ja", 30), ("nej", 10)),
            Survey(2031, YesNo), Answers(YesNo, ("ja", 20), ("nej", 20)));

        var comparison = published.Questions.Single().Comparison!;
        comparison.Compared.Should().BeTrue();
        comparison.MethodChange.Should().BeFalse();
        comparison.Note.Should().BeNull();
        comparison.PreviousAnswered.Should().Be(40);
        comparison.Previous.Slug.Should().Be("metod-2031");
        ValueOf(published, "ja").Trend.Should().Be(ShareChanges.Compare(20, 40, 30, 40));
        ValueOf(published, "nej").Trend!.Change.Should().BeApproximately(-0.25, 1e-12);
    }

    [Fact]
    public void A_changed_wording_is_compared_with_a_note_saying_metodbyte()
    {
        var before = Single("Känner du dig trygg i centrum?", ("ja", "Ja"), ("nej", "Nej"));
        var now = Single("Känner du dig trygg i centrum på kvällen?", ("ja", "Ja"), ("nej", "Nej"), ("vet-ej", "Vet inte"));

        var published = Publish(Survey(2032, now), Answers(now, ("ja", 30), ("nej", 10), ("vet-ej", 10)),
            Survey(2031, before), Answers(before, ("ja", 20), ("nej", 20)));

        var comparison = published.Questions.Single().Comparison!;
        comparison.Compared.Should().BeTrue();
        comparison.MethodChange.Should().BeTrue();
        comparison.Note.Should().Be("Metodbyte: frågans formulering har ändrats sedan förra mätningen (frågan löd då ”Känner du dig trygg i centrum?”; " +
            "svarsalternativen var då ”Ja”, ”Nej”) – jämför med försiktighet.");
        ValueOf(published, "ja").Trend.Should().Be(ShareChanges.Compare(20, 40, 30, 50), "the options asked both times are still compared");
        ValueOf(published, "vet-ej").Trend.Should().BeNull("it was not an option then");
        ValueOf(published, "vet-ej").TrendHidden.Should().BeFalse("nothing is hidden: there is nothing to compare with");
    }

    [Fact]
    public void A_changed_option_label_alone_is_a_metodbyte_and_a_changed_label_in_another_language_is_not()
    {
        var before = YesNo with { Label = new Dictionary<string, string> { ["sv"] = YesNo.Label["sv"], ["en"] = "Do you feel safe?" } };
        var english = YesNo with { Label = new Dictionary<string, string> { ["sv"] = YesNo.Label["sv"], ["en"] = "Do you feel safe in the evening?" } };
        var relabelled = Single(YesNo.Label["sv"], ("ja", "Ja, oftast"), ("nej", "Nej"));
        var then = Answers(before, ("ja", 20), ("nej", 20)).ToList();

        Publish(Survey(2032, english), Answers(english, ("ja", 30), ("nej", 10)), Survey(2031, before), then)
            .Questions.Single().Comparison!.MethodChange.Should().BeFalse("the Swedish wording is the one compared");
        Publish(Survey(2032, relabelled), Answers(relabelled, ("ja", 30), ("nej", 10)), Survey(2031, before), then)
            .Questions.Single().Comparison!.Note.Should().Contain("svarsalternativen var då ”Ja”, ”Nej”");
    }

    [Fact]
    public void A_changed_type_gives_no_comparison_and_says_why()
    {
        var now = Scale();

        var published = Publish(Survey(2032, now), Answers(now, ("4", 30), ("2", 10)), Survey(2031, YesNo), Answers(YesNo, ("ja", 20), ("nej", 20)));

        var comparison = published.Questions.Single().Comparison!;
        comparison.Compared.Should().BeFalse();
        comparison.Note.Should().Be("Ingen jämförelse med förra mätningen: frågan var då av en annan typ (ett svarsalternativ, nu skala 1–5), " +
            "och svaren går inte att jämföra.");
        comparison.PreviousAnswered.Should().BeNull();
        comparison.PreviousMean.Should().BeNull();
        published.Questions.Single().Values.Should().OnlyContain(v => v.Trend == null && !v.TrendHidden);
    }

    [Fact]
    public void A_question_the_previous_survey_did_not_ask_is_not_compared()
    {
        var published = Publish(Survey(2032, YesNo), Answers(YesNo, ("ja", 30), ("nej", 10)), Survey(2031, null), Many(40, new Respondent(Concerns: ["trafik"])));

        published.Questions.Single().Comparison!.Should().BeEquivalentTo(new { Compared = false, MethodChange = false, Note = MethodChanges.NotAsked });
    }

    [Fact]
    public void A_hidden_previous_count_hides_the_trend_and_so_does_its_hidden_partner()
    {
        // Then: step 1 was given by 3 (hidden), and step 5 (7) with it, since the 40 who answered would give the one away.
        // Both were hidden in the previous survey's own results: no change may be built on them, nor the mean then.
        var q = Scale();
        var published = Publish(Survey(2032, q), Answers(q, ("1", 10), ("2", 10), ("3", 10), ("4", 10), ("5", 10)),
            Survey(2031, q), Answers(q, ("1", 3), ("2", 10), ("3", 10), ("4", 10), ("5", 7)));

        var comparison = published.Questions.Single().Comparison!;
        comparison.PreviousAnswered.Should().Be(40);
        comparison.PreviousMean.Should().BeNull("a step was hidden then");
        foreach (var step in new[] { "1", "5" })
        {
            ValueOf(published, step).Trend.Should().BeNull();
            ValueOf(published, step).TrendHidden.Should().BeTrue();
        }
        ValueOf(published, "2").Trend.Should().Be(ShareChanges.Compare(10, 40, 10, 50));
    }

    [Fact]
    public void A_previous_figure_is_used_only_under_both_surveys_floors()
    {
        // The previous survey's floor was 5, this one's is 12: then 10 gave step 2, shown then, but not under 12, and 15 (the
        // smallest other step) would be hidden with it.
        var q = Scale();
        var published = Publish(Survey(2032, q, minimum: 12), Answers(q, ("2", 20), ("4", 20)),
            Survey(2031, q), Answers(q, ("2", 10), ("3", 15), ("4", 30)));

        ValueOf(published, "2").TrendHidden.Should().BeTrue();
        ValueOf(published, "3").TrendHidden.Should().BeTrue();
        ValueOf(published, "4").Trend.Should().Be(ShareChanges.Compare(30, 55, 20, 40));
        published.Questions.Single().Comparison!.PreviousMean.Should().BeNull("under a floor of 12 a step of 10 would be hidden, and with it the mean");
    }

    [Fact]
    public void The_mean_then_is_carried_when_every_step_was_shown()
    {
        var q = Scale();
        var published = Publish(Survey(2032, q), Answers(q, ("2", 20), ("4", 20)), Survey(2031, q), Answers(q, ("2", 10), ("4", 30)));

        published.Questions.Single().Comparison!.PreviousMean!.Mean.Should().BeApproximately(3.5, 1e-12);
    }

    [Fact]
    public void Few_answers_then_hide_every_trend_of_a_single_choice_question()
    {
        // Then 3 answered (hidden, and so the 37 who did not), now 40.
        var published = Publish(Survey(2032, YesNo), Answers(YesNo, ("ja", 20), ("nej", 20)),
            Survey(2031, YesNo), [.. Answers(YesNo, ("ja", 1), ("nej", 2)), .. Many(37, new Respondent(Concerns: ["trafik"]))]);

        published.Questions.Single().Comparison!.PreviousAnswered.Should().BeNull();
        published.Questions.Single().Values.Should().OnlyContain(v => v.Trend == null && v.TrendHidden);
    }

    [Fact]
    public void Other_concerns_or_languages_offered_make_the_concern_trend_a_metodbyte()
    {
        var then = Many(40, new Respondent(Concerns: ["narkotika"])).ToList();
        var now = Many(40, new Respondent(Concerns: ["trafik"])).ToList();

        var same = Publish(Survey(2032, null), now, Survey(2031, null), then);
        same.Previous!.MethodChange.Should().BeNull();
        same.Notes.Should().NotContain(n => n.StartsWith("Metodbyte", StringComparison.Ordinal));

        var other = Publish(Survey(2032, null, concerns: ["narkotika", "trafik", "inbrott"], languages: ["sv", "en"]), now,
            Survey(2031, null, concerns: ["narkotika", "trafik", "stold"]), then);
        const string note = "Metodbyte: frågan om problem har ändrats sedan förra mätningen (nya alternativ: Inbrott; borttagna alternativ: Stölder; " +
            "enkäten erbjöds då på svenska, nu på svenska och engelska) – jämför med försiktighet.";
        other.Previous!.MethodChange.Should().Be(note);
        other.Notes.Should().Contain(note);
        other.Concerns.Single(c => c.Code == "narkotika").Trend.Should().NotBeNull("a concern offered both times is still compared");
    }
}
