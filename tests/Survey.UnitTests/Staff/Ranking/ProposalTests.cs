using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Survey.Domain.Surveys;
using Survey.Staff.Ranking;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

public class ProposalTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task AnswerAsync(string slug, string? area, string[] concerns) =>
        (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", new { area, concerns, priorities = concerns }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

    [Fact]
    public async Task The_proposal_cites_share_interval_trend_points_and_area_in_Swedish_and_drafts_a_pledge()
    {
        // Nordanstig (2132), years of their own so that no other test's survey is "the previous one".
        Option[] areas = [new("centrum", "Centrum"), new("tore", "Töre")];
        var earlier = await _client.CreateSurveyAsync("prop", "2132", 2041, areas: areas, minimumCellSize: 5);
        var later = await _client.CreateSurveyAsync("prop", "2132", 2042, areas: areas, minimumCellSize: 5);
        for (var i = 0; i < 20; i++) // before: narkotika 7 of 20, trafik 10 of 20
            await AnswerAsync(earlier, null, i < 7 ? ["narkotika"] : i < 17 ? ["trafik"] : []);
        for (var i = 0; i < 25; i++) // now, Centrum: narkotika 22, trafik 5 of 25
            await AnswerAsync(later, "centrum", [.. i < 22 ? new[] { "narkotika" } : [], .. i < 5 ? new[] { "trafik" } : []]);
        for (var i = 0; i < 15; i++) // now, Töre: narkotika 8, trafik 7 of 15
            await AnswerAsync(later, "tore", [.. i < 8 ? new[] { "narkotika" } : [], .. i < 7 ? new[] { "trafik" } : []]);

        var proposal = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/staff/surveys/{later}/ranking"))!["proposal"]!;

        // By hand: 30/40 = 75 %, Wilson 59.8–85.8 %; change +40 points, Newcombe 13.5–60.0 (clear of zero);
        // points 30 × 3; Centrum 22/25 = 88 % against Töre 8/15 = 53 %.
        var items = proposal["focusAreas"]!.AsArray();
        items[0]!["rationale"]!.GetValue<string>().Should().Be(
            "Narkotika och droger: 75 % (60–86 %) av 40 svarande, upp 40 procentenheter sedan förra mätningen (2041). " +
            "90 prioriteringspoäng. Störst andel i Centrum (88 %).");
        // 12/40 = 30 %, Wilson 18.1–45.4 %; change −20 points, Newcombe −43.3 to +5.3 (spans zero);
        // points 12 × 2 (second after narkotika); Töre 7/15 = 47 % against Centrum 5/25 = 20 %.
        items[1]!["rationale"]!.GetValue<string>().Should().Be(
            "Trafiksäkerhet: 30 % (18–45 %) av 40 svarande, ingen säker förändring sedan förra mätningen (2041): " +
            "−20 procentenheter, inom felmarginalen. 24 prioriteringspoäng. Störst andel i Töre (47 %).");

        var pledge = proposal["draftPledge"]!.GetValue<string>();
        pledge.Should().StartWith("Medborgarlöfte 2042 för Nordanstigs kommun och Polisen");
        pledge.Should().Contain("Nordanstigs kommun och Polisen lovar att under 2042 arbeta tillsammans mot narkotika och droger samt trafiksäkerhet.");
        pledge.Should().Contain("svarade 40 invånare").And.Contain("narkotika och droger (75 %) samt trafiksäkerhet (30 %)");
    }

    [Fact]
    public async Task A_suppressed_figure_never_reaches_the_text()
    {
        Option[] areas = [new("centrum", "Centrum"), new("tore", "Töre")];
        var slug = await _client.CreateSurveyAsync("prop-small", areas: areas, minimumCellSize: 5);
        for (var i = 0; i < 12; i++) // Töre has 2 answers: its group is hidden, so is Centrum's figure beside it
            await AnswerAsync(slug, i < 10 ? "centrum" : "tore", ["narkotika"]);

        var proposal = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/staff/surveys/{slug}/ranking"))!["proposal"]!;
        var text = proposal["focusAreas"]![0]!["rationale"]!.GetValue<string>();
        text.Should().StartWith("Narkotika och droger: 100 % (76–100 %) av 12 svarande.");
        text.Should().NotContain("Töre").And.NotContain("Centrum");
    }

    [Theory]
    [InlineData("Kalix", "Kalix")]
    [InlineData("Bromölla", "Bromölla")]
    [InlineData("Nordanstig", "Nordanstigs")]
    [InlineData("Upplands Väsby", "Upplands Väsby")]
    [InlineData("Göteborg", "Göteborgs")]
    public void Municipality_names_take_the_genitive_as_in_their_own_names(string name, string genitive) =>
        ProposalText.Genitive(name).Should().Be(genitive);

    [Fact]
    public void One_percentage_point_is_singular()
    {
        var ranking = new RankingResponse("s", new MunicipalityRef("2514", "Kalix"), new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31),
            DateTimeOffset.UtcNow, 100, 100, "", [new RankedConcernView("trafik", "Trafiksäkerhet", 30, 0.30, 0.22, 0.40, null, 1, [],
                new Survey.Domain.Ranking.ShareChange(0.29, 0.01, -0.1, 0.12), false)],
            [new Survey.Domain.Ranking.FocusArea("trafik", "Trafiksäkerhet", 1)], [], new PreviousSurveyRef("p", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), 90), null);

        ProposalText.Write(ranking, null).FocusAreas[0].Rationale.Should().Contain("sedan förra mätningen (2026): +1 procentenhet, inom felmarginalen.");
    }

    [Fact]
    public void Numbers_are_written_the_Swedish_way() => ProposalText.Number(1012).Should().Be("1 012");
}
