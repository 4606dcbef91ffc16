using Survey.Domain.Surveys;

namespace Survey.UnitTests;

internal static class TestSurveys
{
    public static SurveyDefinition Open(string slug, IReadOnlyList<string>? concerns = null) => new()
    {
        Slug = slug,
        MunicipalityCode = "2514",
        PledgePeriodStart = new DateOnly(2027, 1, 1),
        PledgePeriodEnd = new DateOnly(2027, 12, 31),
        OpensAt = DateTimeOffset.UtcNow.AddDays(-1),
        ClosesAt = DateTimeOffset.UtcNow.AddDays(30),
        Languages = ["sv", "en"],
        Areas = [new("centrum", "Centrum"), new("tore", "Töre")],
        Concerns = concerns ?? ["narkotika", "inbrott", "vald-i-nara-relation", "trafik"],
    };
}
