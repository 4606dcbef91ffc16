using Survey.Domain.Ranking;

namespace Survey.UnitTests.Domain.Ranking;

public class EvidenceFusionTests
{
    private static EvidenceInput Concern(string code, int surveyRank, double? share, params (string Source, double? Value)[] others) =>
        new(code, surveyRank, new Dictionary<string, double?>(others.Select(o => KeyValuePair.Create(o.Source, o.Value)))
        {
            [EvidenceSources.Survey] = share,
        });

    [Fact]
    public void With_the_survey_alone_the_order_and_ranks_are_the_surveys_own()
    {
        // Ranks as the survey ranking gave them, ties included.
        var result = EvidenceFusion.Fuse(
            [Concern("trafik", 1, 0.40), Concern("narkotika", 2, 0.30), Concern("inbrott", 2, 0.30), Concern("stold", 4, null), Concern("klotter", 5, 0)],
            FusionWeights.Default);

        result.SurveyOnly.Should().BeTrue();
        result.SourcesUsed.Should().Equal(EvidenceSources.Survey);
        result.Concerns.Select(c => (c.Code, c.Rank)).Should().Equal(("trafik", 1), ("narkotika", 2), ("inbrott", 2), ("stold", 4), ("klotter", 5));
        result.Concerns[0].Score.Should().Be(1);
        result.Concerns[1].Score.Should().BeApproximately(0.75, 1e-12);
    }

    [Fact]
    public void Free_text_does_not_move_the_order_with_the_default_weights_because_it_counts_the_same_respondents_again()
    {
        var result = EvidenceFusion.Fuse(
            [
                Concern("trafik", 1, 0.40, (EvidenceSources.FreeText, 0.01)),
                Concern("narkotika", 2, 0.39, (EvidenceSources.FreeText, 0.20)),
            ],
            FusionWeights.Default);

        result.SurveyOnly.Should().BeTrue();
        result.Concerns.Select(c => c.Code).Should().Equal("trafik", "narkotika");
        result.Concerns[1].Parts.Single(p => p.Source == EvidenceSources.FreeText).Should().Be(
            new FusedPart(EvidenceSources.FreeText, 0.20, 1, 0, null));
    }

    [Fact]
    public void Dialogues_move_a_concern_up_by_exactly_their_stated_weight()
    {
        // Survey: trafik 40 %, narkotika 36 %. Dialogues: 12 of 25 raised narkotika, 2 of 25 trafik.
        var weights = FusionWeights.Default with { CrimeStatistics = 0 };
        var result = EvidenceFusion.Fuse(
            [
                Concern("trafik", 1, 0.40, (EvidenceSources.Dialogues, 2 / 25.0)),
                Concern("narkotika", 2, 0.36, (EvidenceSources.Dialogues, 12 / 25.0)),
            ],
            weights);

        result.SurveyOnly.Should().BeFalse();
        result.Concerns.Select(c => c.Code).Should().Equal("narkotika", "trafik");
        var narkotika = result.Concerns[0];
        // (0.6 × 0.36/0.40 + 0.25 × 1) ÷ 0.85
        narkotika.Score.Should().BeApproximately((0.6 * 0.9 + 0.25 * 1) / 0.85, 1e-12);
        narkotika.Parts.Where(p => p.Contribution is not null).Sum(p => p.Contribution!.Value).Should().BeApproximately(narkotika.Score!.Value, 1e-12);
        var trafik = result.Concerns[1];
        trafik.Score.Should().BeApproximately((0.6 * 1 + 0.25 * (2 / 12.0)) / 0.85, 1e-12);
    }

    [Fact]
    public void Raising_the_survey_weight_far_enough_restores_the_survey_order()
    {
        var concerns = new[]
        {
            Concern("trafik", 1, 0.40, (EvidenceSources.Dialogues, 2 / 25.0)),
            Concern("narkotika", 2, 0.36, (EvidenceSources.Dialogues, 12 / 25.0)),
        };

        EvidenceFusion.Fuse(concerns, FusionWeights.Default with { Survey = 10 }).Concerns.Select(c => c.Code).Should().Equal("trafik", "narkotika");
        EvidenceFusion.Fuse(concerns, FusionWeights.Default with { Survey = 0 }).Concerns.Select(c => c.Code).Should().Equal("narkotika", "trafik");
    }

    [Fact]
    public void A_concern_no_source_but_the_survey_has_a_figure_for_is_scored_on_the_survey_alone()
    {
        // Crime statistics have no offence category for "otrygga platser": it is not marked down for that.
        var result = EvidenceFusion.Fuse(
            [
                Concern("otrygga-platser", 1, 0.50),
                Concern("inbrott", 2, 0.25, (EvidenceSources.CrimeStatistics, 2.0)),
            ],
            FusionWeights.Default);

        result.Concerns[0].Code.Should().Be("otrygga-platser");
        result.Concerns[0].Score.Should().Be(1);
        result.Concerns[0].Parts.Single(p => p.Source == EvidenceSources.CrimeStatistics).Value.Should().BeNull();
        result.Concerns[1].Score.Should().BeApproximately((0.6 * 0.5 + 0.15 * 1) / 0.75, 1e-12);
    }

    [Fact]
    public void A_concern_whose_survey_figure_is_hidden_gets_no_score_whatever_the_other_sources_say()
    {
        var result = EvidenceFusion.Fuse(
            [
                Concern("trafik", 1, 0.40, (EvidenceSources.Dialogues, 0.1)),
                Concern("vald-i-nara-relation", 2, null, (EvidenceSources.Dialogues, 0.9)),
                Concern("klotter", 3, 0.0, (EvidenceSources.Dialogues, 0.0)),
            ],
            FusionWeights.Default);

        var hidden = result.Concerns.Single(c => c.Code == "vald-i-nara-relation");
        hidden.Score.Should().BeNull();
        hidden.Parts.Should().OnlyContain(p => p.Contribution == null);
        result.Concerns.Select(c => c.Code).Should().Equal("trafik", "vald-i-nara-relation", "klotter");
    }

    [Fact]
    public void A_hidden_dialogue_figure_counts_as_0_so_that_hiding_a_small_figure_never_lifts_a_concern()
    {
        var result = EvidenceFusion.Fuse(
            [
                Concern("trafik", 1, 0.40, (EvidenceSources.Dialogues, null)),
                Concern("narkotika", 2, 0.20, (EvidenceSources.Dialogues, 0.5)),
                Concern("inbrott", 3, 0.40, (EvidenceSources.Dialogues, 0.0)),
            ],
            FusionWeights.Default);

        var trafik = result.Concerns.Single(c => c.Code == "trafik");
        // As a shown 0 would: (0.6 × 1 + 0.25 × 0) ÷ 0.85, never the survey's 1 alone.
        trafik.Score.Should().BeApproximately(0.6 / 0.85, 1e-12);
        trafik.Score.Should().Be(result.Concerns.Single(c => c.Code == "inbrott").Score);
        trafik.Parts.Single(p => p.Source == EvidenceSources.Dialogues).Hidden.Should().BeTrue();
        trafik.Parts.Single(p => p.Source == EvidenceSources.CrimeStatistics).Hidden.Should().BeFalse();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("NaN")]
    public void A_weight_that_is_not_a_number_from_0_to_100_is_refused_naming_its_parameter(string text)
    {
        var errors = new Dictionary<string, string[]>();

        FusionWeights.From(null, text, null, null, errors);

        errors.Should().ContainKey("weightDialogues").WhoseValue.Single().Should().Contain(text);
    }

    [Fact]
    public void Weights_left_out_keep_their_default_and_all_zero_is_refused()
    {
        var errors = new Dictionary<string, string[]>();
        FusionWeights.From("1", null, "0,5", null, errors).Should().Be(FusionWeights.Default with { Survey = 1, FreeText = 0.5 });
        errors.Should().BeEmpty();

        FusionWeights.From("0", "0", "0", "0", errors);
        errors.Should().ContainKey("weightSurvey");
    }
}
