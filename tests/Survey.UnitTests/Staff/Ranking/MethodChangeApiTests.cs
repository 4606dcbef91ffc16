using System.Text.Json.Nodes;
using Survey.Contracts;
using Survey.Domain.Questions;
using Survey.Domain.Surveys;
using Survey.UnitTests.Disclosure;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

// "Metodbyte" as staff read it: the question results against the previous survey, the concern trend's note, and the
// exports that carry both.
public class MethodChangeApiTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly PublishedSurveys _surveys = new(factory);

    private static LocalQuestion Trygg(string label) => new()
    {
        Code = "trygg",
        Type = QuestionTypes.SingleChoice,
        Label = new Dictionary<string, string> { ["sv"] = label },
        Options = [new("ja", new Dictionary<string, string> { ["sv"] = "Ja" }), new("nej", new Dictionary<string, string> { ["sv"] = "Nej" })],
    };

    private static IEnumerable<Respondent> Answers(string concern, int yes, int no) =>
        Enumerable.Range(0, yes + no).Select(i => new Respondent(Concerns: [concern],
            Answers: [new QuestionAnswer { Code = "trygg", Type = QuestionTypes.SingleChoice, Values = [i < yes ? "ja" : "nej"] }]));

    // The same municipality's surveys for a year and the one before, so that the earlier one is the later one's previous survey.
    private async Task<SurveyDefinition> PairAsync(LocalQuestion before, LocalQuestion now, string[] concernsBefore, string[] concernsNow)
    {
        var (municipality, year) = PublishedSurveys.NextSlot();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await _surveys.CreateAsync(PublishedSurveys.Survey($"metod-a-{tag}", municipality, year - 1, concernsBefore, [], questions: [before]),
            [.. Answers("narkotika", 20, 20)]);
        return await _surveys.CreateAsync(PublishedSurveys.Survey($"metod-b-{tag}", municipality, year, concernsNow, [], questions: [now]),
            [.. Answers("narkotika", 30, 10)]);
    }

    [Fact]
    public async Task Question_results_and_their_exports_carry_the_previous_survey_and_say_metodbyte()
    {
        var survey = await PairAsync(Trygg("Känner du dig trygg i centrum?"), Trygg("Känner du dig trygg i centrum på kvällen?"),
            ["narkotika", "trafik"], ["narkotika", "trafik"]);

        var results = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{survey.Slug}/questions/trygg"))!;
        var comparison = results["comparison"]!;
        comparison["previousSurvey"]!.GetValue<string>().Should().StartWith("metod-a-");
        comparison["compared"]!.GetValue<bool>().Should().BeTrue();
        comparison["methodChange"]!.GetValue<bool>().Should().BeTrue();
        const string note = "Metodbyte: frågans formulering har ändrats sedan förra mätningen (frågan löd då ”Känner du dig trygg i centrum?”) – jämför med försiktighet.";
        comparison["note"]!.GetValue<string>().Should().Be(note);
        comparison["previousAnswered"]!.GetValue<long>().Should().Be(40);
        var yes = results["values"]!.AsArray().Single(v => v!["code"]!.GetValue<string>() == "ja")!;
        yes["trend"]!["previousShare"]!.GetValue<double>().Should().Be(0.5);
        yes["trend"]!["change"]!.GetValue<double>().Should().BeApproximately(0.25, 1e-12);

        var csv = CsvText.Rows((await _client.GetStringAsync($"/api/v1/staff/surveys/{survey.Slug}/questions/trygg?format=csv&dialect=rfc4180")).TrimStart('\uFEFF'), ',');
        var header = csv.First(r => r.Length > 1 && r[0] == "Fråga");
        var row = csv.Single(r => r.Length == header.Length && r[1] == "Ja");
        row[Array.IndexOf(header, "Förra mätningen")].Should().Be("0.5");
        row[Array.IndexOf(header, "Förändring")].Should().Be("0.25");
        row[Array.IndexOf(header, "Svarade förra mätningen")].Should().Be("40");
        row[Array.IndexOf(header, "Jämförelse")].Should().Be(note);

        var export = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{survey.Slug}/ranking?format=json"))!;
        export["questions"]![0]!["comparison"]!["note"]!.GetValue<string>().Should().Be(note);
        export["previousSurvey"]!["methodChange"].Should().BeNull("the concern question was asked the same way");
    }

    [Fact]
    public async Task The_same_wording_is_compared_without_a_note_and_a_new_type_is_not_compared()
    {
        var same = await PairAsync(Trygg("Känner du dig trygg?"), Trygg("Känner du dig trygg?"), ["narkotika"], ["narkotika"]);
        var comparison = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{same.Slug}/questions/trygg"))!["comparison"]!;
        comparison["compared"]!.GetValue<bool>().Should().BeTrue();
        comparison["methodChange"]!.GetValue<bool>().Should().BeFalse();
        comparison["note"].Should().BeNull();

        var retyped = await PairAsync(Trygg("Känner du dig trygg?") with { Type = QuestionTypes.MultipleChoice }, Trygg("Känner du dig trygg?"),
            ["narkotika"], ["narkotika"]);
        var results = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{retyped.Slug}/questions/trygg"))!;
        results["comparison"]!["compared"]!.GetValue<bool>().Should().BeFalse();
        results["comparison"]!["note"]!.GetValue<string>().Should().StartWith("Ingen jämförelse med förra mätningen: frågan var då av en annan typ");
        results["values"]!.AsArray().Should().OnlyContain(v => v!["trend"] == null);
    }

    [Fact]
    public async Task Other_concerns_offered_make_the_ranking_trend_a_metodbyte_in_the_api_the_proposal_and_the_exports()
    {
        var question = Trygg("Känner du dig trygg?");
        var survey = await PairAsync(question, question, ["narkotika", "trafik"], ["narkotika", "inbrott"]);
        const string note = "Metodbyte: frågan om problem har ändrats sedan förra mätningen (nya alternativ: Inbrott; borttagna alternativ: Trafiksäkerhet) " +
            "– jämför med försiktighet.";

        var ranking = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{survey.Slug}/ranking"))!;
        ranking["previousSurvey"]!["methodChange"]!.GetValue<string>().Should().Be(note);
        ranking["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).Should().Contain(note);
        ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "narkotika")!["trend"].Should().NotBeNull();
        ranking["proposal"]!["focusAreas"]![0]!["rationale"]!.GetValue<string>().Should().Contain($"sedan förra mätningen ({survey.PledgePeriodStart.Year - 1}, metodbyte)");

        (await _client.GetStringAsync($"/api/v1/staff/surveys/{survey.Slug}/ranking?format=csv")).Should().Contain(note);
        using var stream = new MemoryStream(await _client.GetByteArrayAsync($"/api/v1/staff/surveys/{survey.Slug}/ranking?format=xlsx"));
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var strings = workbook.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
        (strings + string.Concat(workbook.WorkbookPart.WorksheetParts.Select(p => p.Worksheet.InnerText))).Should().Contain(note);
    }
}
