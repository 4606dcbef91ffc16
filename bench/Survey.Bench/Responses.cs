using Survey.Contracts;

namespace Survey.Bench;

// Answers spread as bench/post-response.lua spreads them (areas, age groups, genders, channels, concerns, some rare).
public static class Responses
{
    private static readonly string[] Areas = ["centrum", "centrum", "centrum", "nyborg", "nyborg", "karlsborg", "tore", "sangis", "morjarv", "pala"];
    private static readonly string[] Ages = ["16-24", "25-44", "25-44", "45-64", "45-64", "65-84", "85+"];
    private static readonly string[] Genders = ["kvinna", "man", "kvinna", "man", "annat"];
    private static readonly string[] Channels = ["facebook", "facebook", "affisch", "webb", "lokaltidningen"];
    private static readonly (string Code, double Rate)[] Concerns = [("narkotika", 0.5), ("trafik", 0.35), ("inbrott", 0.25), ("vald-i-nara-relation", 0.03)];

    public static readonly string[] ConcernCodes = [.. Concerns.Select(c => c.Code)];
    public static readonly string[] AreaCodes = [.. Areas.Distinct()];

    public static SurveyResponseSubmitted Next(Random random, string slug, string municipality)
    {
        var named = Concerns.Where(c => random.NextDouble() < c.Rate).Select(c => c.Code).ToArray();
        return new SurveyResponseSubmitted
        {
            ResponseId = Guid.CreateVersion7(),
            SurveySlug = slug,
            MunicipalityCode = municipality,
            ReceivedAt = DateTimeOffset.UtcNow,
            Language = "sv",
            Channel = Channels[random.Next(Channels.Length)],
            Concerns = named,
            Priorities = named.Take(3).ToArray(),
            Safety = 2,
            Area = Areas[random.Next(Areas.Length)],
            AgeGroup = Ages[random.Next(Ages.Length)],
            Gender = Genders[random.Next(Genders.Length)],
        };
    }

    public static string Result(params (string Key, double Value)[] figures) =>
        "RESULT " + string.Join(' ', figures.Select(f => $"{f.Key}={f.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}"));
}
