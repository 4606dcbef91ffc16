using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Survey.Domain.Municipalities;
using Survey.Domain.Questions;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.Store;
using Survey.UnitTests.Hosts;
using Survey.UnitTests.Intake;

namespace Survey.UnitTests.Disclosure;

// Puts made-up answers into the embedded host (straight into its store, so that the days can be chosen)
// and reads back everything the staff API publishes about the survey.
public sealed class PublishedSurveys(EmbeddedHostFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();
    private static int _municipality;

    // A municipality and pledge year of their own for each survey pair (a year and the one before it), so that no
    // other survey counts as its previous one: each municipality is used once every two years from 2031 on.
    public static (string Municipality, int Year) NextSlot()
    {
        var slot = Interlocked.Increment(ref _municipality);
        return (MunicipalityRegistry.All.OrderBy(m => m.Code, StringComparer.Ordinal).ElementAt(slot % 290).Code, 2031 + 2 * (slot / 290));
    }

    public async Task<SurveyDefinition> CreateAsync(SurveyDefinition survey, IReadOnlyList<Respondent> answers, string? population = null)
    {
        var body = new
        {
            slug = survey.Slug,
            municipalityCode = survey.MunicipalityCode,
            pledgePeriodStart = survey.PledgePeriodStart,
            pledgePeriodEnd = survey.PledgePeriodEnd,
            opensAt = survey.OpensAt,
            closesAt = survey.ClosesAt,
            languages = survey.Languages,
            areas = survey.Areas,
            concerns = survey.Concerns,
            ageGroups = survey.AgeGroups,
            genders = survey.Genders,
            minimumCellSize = survey.MinimumCellSize,
            minimumCellSizeByConcern = survey.MinimumCellSizeByConcern,
            questions = survey.Questions,
        };
        var created = await _client.PostAsJsonAsync("/api/v1/staff/surveys", body);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        if (population is not null)
        {
            var put = await _client.PutAsync($"/api/v1/staff/surveys/{survey.Slug}/population", new StringContent(population, Encoding.UTF8, "text/csv"));
            put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }
        var store = factory.Services.GetRequiredService<IResponseStore>();
        await store.RecordAsync(answers.Select(a => a.ToMessage(survey.Slug)).ToList(), CancellationToken.None);
        return (await _client.GetFromJsonAsync<SurveyDefinition>($"/api/v1/staff/surveys/{survey.Slug}", Json))!;
    }

    // The ranking, every breakdown (also by each single-choice question of the survey's own), the results of each of
    // its own questions, channels and days, and the ranking and question results of the survey it names as its previous one.
    public async Task<Publication> ReadAsync(SurveyDefinition survey)
    {
        async Task<JsonNode> Get(string path) => JsonNode.Parse(await _client.GetStringAsync(path))!;
        async Task<Dictionary<string, JsonNode>> QuestionsOf(SurveyDefinition s)
        {
            var results = new Dictionary<string, JsonNode>();
            foreach (var q in s.Questions ?? []) results[q.Code] = await Get($"/api/v1/staff/surveys/{s.Slug}/questions/{q.Code}");
            return results;
        }
        var byDimension = new Dictionary<string, JsonNode>();
        foreach (var by in Dimensions.For(survey)) byDimension[by] = await Get($"/api/v1/staff/surveys/{survey.Slug}/ranking?by={Dimensions.ByName(by)}");
        var ranking = await Get($"/api/v1/staff/surveys/{survey.Slug}/ranking");
        var previous = ranking["previousSurvey"]?["slug"]?.GetValue<string>() is { } slug
            ? (await _client.GetFromJsonAsync<SurveyDefinition>($"/api/v1/staff/surveys/{slug}", Json))!
            : null;
        return new Publication(
            survey,
            ranking,
            byDimension,
            await Get($"/api/v1/staff/surveys/{survey.Slug}/channels"),
            previous is null ? null : await Get($"/api/v1/staff/surveys/{previous.Slug}/ranking"))
        {
            Questions = await QuestionsOf(survey),
            PreviousQuestions = previous is null ? new Dictionary<string, JsonNode>() : await QuestionsOf(previous),
            PreviousSurvey = previous,
        };
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static SurveyDefinition Survey(
        string slug, string municipality, int year, IReadOnlyList<string> concerns, IReadOnlyList<string> areas,
        IReadOnlyList<string>? ageGroups = null, IReadOnlyList<string>? genders = null, int minimum = 5,
        IReadOnlyDictionary<string, int>? floors = null, IReadOnlyList<LocalQuestion>? questions = null) => new()
    {
        Slug = slug,
        MunicipalityCode = municipality,
        PledgePeriodStart = new DateOnly(year, 1, 1),
        PledgePeriodEnd = new DateOnly(year, 12, 31),
        OpensAt = DateTimeOffset.UtcNow.AddDays(-30),
        ClosesAt = DateTimeOffset.UtcNow.AddDays(30),
        Languages = ["sv"],
        Areas = areas.Select(a => new Option(a, a)).ToList(),
        Concerns = concerns,
        AgeGroups = ageGroups ?? SurveyDefaults.AgeGroups,
        Genders = genders ?? SurveyDefaults.Genders,
        MinimumCellSize = minimum,
        MinimumCellSizeByConcern = floors,
        Questions = questions,
    };
}
