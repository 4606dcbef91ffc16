using System.Net;
using System.Net.Http.Json;
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

    // The body of POST /api/v1/staff/surveys for an open survey, with what a test needs changed.
    public static object Request(
        string slug, string municipality = "2514", int year = 2027, int years = 1,
        DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null,
        IReadOnlyList<string>? concerns = null, IReadOnlyList<Option>? areas = null, bool invitationOnly = false, int minimumCellSize = 1) => new
    {
        slug,
        municipalityCode = municipality,
        pledgePeriodStart = $"{year}-01-01",
        pledgePeriodEnd = $"{year + years - 1}-12-31",
        opensAt = opensAt ?? DateTimeOffset.UtcNow.AddDays(-1),
        closesAt = closesAt ?? DateTimeOffset.UtcNow.AddDays(30),
        languages = new[] { "sv", "en" },
        areas = (areas ?? []).Select(a => new { code = a.Code, label = a.Label }).ToArray(),
        concerns = concerns ?? ["narkotika", "trafik"],
        invitationOnly,
        // These tests read single answers back; suppression has tests of its own with realistic floors.
        minimumCellSize,
    };

    // Creates a survey through the staff API (the client's token must allow it) and returns its slug.
    public static async Task<string> CreateSurveyAsync(this HttpClient client, string prefix,
        string municipality = "2514", int year = 2027, int years = 1, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null,
        IReadOnlyList<string>? concerns = null, IReadOnlyList<Option>? areas = null, bool invitationOnly = false, int minimumCellSize = 1)
    {
        var slug = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        var response = await client.PostAsJsonAsync("/api/v1/staff/surveys",
            Request(slug, municipality, year, years, opensAt, closesAt, concerns, areas, invitationOnly, minimumCellSize));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return slug;
    }
}
