using Survey.Domain.Municipalities;

namespace Survey.UnitTests.Domain.Municipalities;

public class MunicipalityRegistryTests
{
    [Fact]
    public void Holds_all_290_municipalities_in_21_counties()
    {
        MunicipalityRegistry.All.Should().HaveCount(290);
        MunicipalityRegistry.All.Select(m => m.County.Code).Distinct().Should().HaveCount(21);
    }

    [Fact]
    public void A_municipality_code_starts_with_its_county_code()
    {
        MunicipalityRegistry.All.Should().OnlyContain(m => m.Code.Length == 4 && m.Code.StartsWith(m.County.Code, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2514", "Kalix", "Norrbottens län")]
    [InlineData("1272", "Bromölla", "Skåne län")]
    [InlineData("2132", "Nordanstig", "Gävleborgs län")]
    [InlineData("1082", "Karlshamn", "Blekinge län")]
    [InlineData("0180", "Stockholm", "Stockholms län")]
    [InlineData("2584", "Kiruna", "Norrbottens län")]
    public void Knows_the_municipalities_of_the_seed_articles(string code, string name, string county)
    {
        MunicipalityRegistry.TryGet(code, out var m).Should().BeTrue();
        m.Name.Should().Be(name);
        m.County.Name.Should().Be(county);
    }

    [Fact]
    public void Unknown_codes_are_not_found()
    {
        MunicipalityRegistry.TryGet("2599", out _).Should().BeFalse();
        MunicipalityRegistry.TryGet(null, out _).Should().BeFalse();
    }
}
