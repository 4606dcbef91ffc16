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
