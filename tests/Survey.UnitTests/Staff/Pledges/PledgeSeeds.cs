using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Survey.Contracts;
using Survey.Store;

namespace Survey.UnitTests.Staff.Pledges;

// Surveys with answers and pledges, put in through the staff API (answers straight into the host's store, so that a
// survey can have them and be closed already).
internal static class PledgeSeeds
{
    // A survey of a year's pledge, open or already closed, in Swedish and English.
    public static async Task<string> SurveyAsync(HttpClient admin, string prefix, string municipality, int year, bool closed,
        IReadOnlyList<string>? concerns = null, int minimumCellSize = 5)
    {
        var slug = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        var response = await admin.PostAsJsonAsync("/api/v1/staff/surveys", TestSurveys.Request(slug, municipality, year,
            opensAt: DateTimeOffset.UtcNow.AddDays(-60), closesAt: DateTimeOffset.UtcNow.AddDays(closed ? -1 : 30),
            concerns: concerns ?? ["narkotika", "trafik", "inbrott"], minimumCellSize: minimumCellSize));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return slug;
    }

    // One respondent per list of concerns named.
    public static Task AnswerAsync(IServiceProvider services, string slug, string municipality, params string[][] respondents) =>
        services.GetRequiredService<IResponseStore>().RecordAsync(respondents.Select(concerns => new SurveyResponseSubmitted
        {
            ResponseId = Guid.CreateVersion7(),
            SurveySlug = slug,
            MunicipalityCode = municipality,
            ReceivedAt = DateTimeOffset.UtcNow.AddDays(-2),
            Language = "sv",
            Concerns = concerns,
        }).ToList(), CancellationToken.None);

    // n respondents naming the same concerns.
    public static string[][] Times(int n, params string[] concerns) => Enumerable.Repeat(concerns, n).ToArray();

    public static object Pledge(int year = 2027, string why = "Många nämnde langning vid busstationen.") => new
    {
        focusAreas = new object[]
        {
            new { concern = "narkotika", why = new Dictionary<string, string> { ["sv"] = why, ["en"] = "Many named dealing at the bus station." } },
            new { concern = "trafik", why = "Bilar kör för fort förbi skolan." },
        },
        activities = new object[]
        {
            new
            {
                code = "trygghetsvandringar", text = new { sv = "Minst två trygghetsvandringar per år", en = "At least two safety walks a year" },
                target = 2, unit = new { sv = "trygghetsvandringar", en = "safety walks" }, focusArea = "narkotika",
            },
            new { code = "hastighet", text = "Hastighetskontroller vid skolan varje månad", focusArea = "trafik" },
        },
        signedOn = $"{year}-02-01",
        signedBy = new { sv = "kommunstyrelsens ordförande och lokalpolisområdeschefen", en = "the chair of the municipal executive board and the local police chief" },
    };

    public static async Task PledgeWithProgressAsync(HttpClient analyst, string slug)
    {
        var put = await analyst.PutAsJsonAsync($"/api/v1/staff/surveys/{slug}/pledge", Pledge());
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        foreach (var progress in new object[]
        {
            new { date = "2027-04-10", text = "Första trygghetsvandringen i centrum, 25 deltog.", activity = "trygghetsvandringar", done = 1 },
            new { date = "2027-09-20", text = new { sv = "Andra vandringen, i Töre.", en = "The second walk, in Töre." }, activity = "trygghetsvandringar", done = 2 },
            new { date = "2027-05-01", text = "Belysningen vid busstationen är bytt." },
        })
        {
            var post = await analyst.PostAsJsonAsync($"/api/v1/staff/surveys/{slug}/pledge/progress", progress);
            post.StatusCode.Should().Be(HttpStatusCode.Created, await post.Content.ReadAsStringAsync());
        }
    }
}
