using Survey.Domain.Responses;

namespace Survey.UnitTests.Domain;

public class FreeTextScrubberTests
{
    [Theory]
    [InlineData("Han heter 19850312-1234 och langar", "Han heter [personnummer] och langar")]
    [InlineData("pnr 850312-1234.", "pnr [personnummer].")]
    [InlineData("Ring 070-123 45 67!", "Ring [telefonnummer]!")]
    [InlineData("ring +46 70 123 45 67", "ring [telefonnummer]")]
    [InlineData("mejla kalle.k@example.se om det", "mejla [e-post] om det")]
    [InlineData("Bilen ABC 123 kör för fort", "Bilen [registreringsnummer] kör för fort")]
    [InlineData("bilen MLB12X buskör", "bilen [registreringsnummer] buskör")]
    public void Removes_personal_data(string text, string expected)
    {
        FreeTextScrubber.Scrub(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("Det langas knark vid busstationen på kvällarna.")]
    [InlineData("Mer polis i Töre, minst 3 gånger i veckan under 2027")]
    [InlineData("EPA-traktorer kör 50 km/h genom centrum")]
    public void Leaves_ordinary_answers_alone(string text)
    {
        FreeTextScrubber.Scrub(text).Should().Be(text);
    }
}
