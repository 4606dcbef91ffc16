using Survey.Domain.Responses;

namespace Survey.UnitTests.Domain.Responses;

public class ResponseValidatorTests
{
    private static readonly Survey.Domain.Surveys.SurveyDefinition Survey = TestSurveys.Open("validate");

    private static IDictionary<string, string[]> Errors(ResponseAnswer answer) =>
        ResponseValidator.Validate(answer, Survey).ToDictionary();

    [Fact]
    public void An_empty_answer_is_valid_because_every_question_is_optional()
    {
        Errors(new ResponseAnswer()).Should().BeEmpty();
    }

    [Fact]
    public void A_complete_answer_is_valid()
    {
        Errors(new ResponseAnswer
        {
            ResponseId = Guid.NewGuid(), Language = "sv", Channel = "facebook",
            Concerns = ["narkotika", "trafik"], Priorities = ["narkotika", "trafik", "inbrott"],
            Safety = 5, Area = "centrum", AgeGroup = "25-44", Gender = "kvinna", FreeText = new string('a', 2000),
        }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("concerns[1]")]
    public void Concern_outside_the_survey_list_is_named_by_position(string field)
    {
        Errors(new ResponseAnswer { Concerns = ["narkotika", "skoter"] }).Should().ContainKey(field)
            .WhoseValue.Should().ContainSingle().Which.Should().Contain("skoter");
    }

    [Fact]
    public void Concern_from_the_taxonomy_but_not_in_this_survey_is_refused()
    {
        Errors(new ResponseAnswer { Concerns = ["bedragerier"] }).Should().ContainKey("concerns[0]");
    }

    [Fact]
    public void At_most_three_priorities()
    {
        Errors(new ResponseAnswer { Priorities = ["narkotika", "trafik", "inbrott", "vald-i-nara-relation"] })
            .Should().ContainKey("priorities").WhoseValue.Should().Contain(m => m.Contains("At most 3"));
    }

    [Fact]
    public void Priorities_must_be_distinct()
    {
        Errors(new ResponseAnswer { Priorities = ["trafik", "trafik"] }).Should().ContainKey("priorities");
    }

    [Fact]
    public void Priority_outside_the_list_is_named_by_position()
    {
        Errors(new ResponseAnswer { Priorities = ["trafik", "nope"] }).Should().ContainKey("priorities[1]");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Safety_outside_1_to_5_is_refused(int safety)
    {
        Errors(new ResponseAnswer { Safety = safety }).Should().ContainKey("safety");
    }

    [Fact]
    public void Free_text_over_2000_characters_is_refused()
    {
        Errors(new ResponseAnswer { FreeText = new string('a', 2001) }).Should().ContainKey("freeText");
    }

    [Fact]
    public void Area_age_group_gender_language_and_channel_must_be_known()
    {
        var errors = Errors(new ResponseAnswer
        {
            Area = "atlantis", AgeGroup = "0-15", Gender = "robot", Language = "de", Channel = "Face Book!",
        });

        errors.Keys.Should().BeEquivalentTo("area", "ageGroup", "gender", "language", "channel");
    }

    [Theory]
    [InlineData("facebook\n")]
    [InlineData("facebook\r\n")]
    [InlineData("\nfacebook")]
    public void A_channel_with_a_line_break_is_refused(string channel)
    {
        Errors(new ResponseAnswer { Channel = channel }).Should().ContainKey("channel");
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var errors = Errors(new ResponseAnswer { Concerns = ["x"], Priorities = ["a", "b", "c", "d"], Safety = 9, FreeText = new string('x', 3000) });

        errors.Keys.Should().Contain(["concerns[0]", "priorities", "safety", "freeText"]);
    }

    [Fact]
    public void The_empty_uuid_is_refused_as_a_response_id()
    {
        Errors(new ResponseAnswer { ResponseId = Guid.Empty }).Should().ContainKey("responseId");
    }
    [Theory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    [InlineData(0x9B)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    [InlineData(0xFFFF)]
    public void Free_text_with_a_control_character_or_half_a_surrogate_pair_is_refused(int code)
    {
        // PostgreSQL's jsonb cannot hold U+0000, and half a surrogate pair is not text at all. Line
        // breaks, tabs and emoji come first in the text: they are allowed, so only the bad character is named.
        Errors(new ResponseAnswer { FreeText = "Mörkt vid torget.\r\n\tOch 😀 vid " + (char)code + "stationen" }).Should().ContainKey("freeText")
            .WhoseValue.Should().ContainSingle().Which.Should().Contain($"U+{code:X4}");
    }
}
