using Survey.Domain.Responses;

namespace Survey.UnitTests.Domain.Responses;

public class ChannelCodeTests
{
    [Theory]
    [InlineData("facebook", "Facebook")]
    [InlineData("linkedin", "LinkedIn")]
    [InlineData("qr", "QR-kod")]
    [InlineData("e-post", "E-post")]
    [InlineData("lokaltidningen", "Lokaltidningen")]
    [InlineData("kommunens-webb", "Kommunens webb")]
    [InlineData("facebook-annons", "Facebook annons")]
    [InlineData("affisch2", "Affisch2")]
    public void A_channel_reads_as_a_name(string code, string label)
    {
        ChannelCode.Label(code).Should().Be(label);
    }
}

public class ChannelCodeRuleTests
{
    [Theory]
    [InlineData("facebook")]
    [InlineData("affisch-2027")]
    [InlineData("v12")]
    [InlineData("buss-4-linje-12")]
    public void A_channel_may_name_a_year_or_a_week(string code) => ChannelCode.IsValid(code).Should().BeTrue();

    [Theory]
    [InlineData("19811218-9876")]
    [InlineData("811218-9876")]
    [InlineData("8112189876")]
    [InlineData("0701234567")]
    [InlineData("070-123-45-67")]
    [InlineData("a1-b2-c3-d4-e5")]
    public void A_channel_cannot_carry_a_personnummer_or_a_phone_number(string code) => ChannelCode.IsValid(code).Should().BeFalse();
}
