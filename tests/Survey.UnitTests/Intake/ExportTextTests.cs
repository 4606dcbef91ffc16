using System.Net;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Survey.Domain.Surveys;
using Survey.Store;

namespace Survey.UnitTests.Intake;

/// <summary>Admins write the titles and labels that exports carry: no text they write can break an export.</summary>
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
}
