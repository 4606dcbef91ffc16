using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Ranking;

// Every export says what the API says, hides what the API hides, and opens as a Swedish analyst expects.
public class ExportTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();
    private string _slug = "";

    private static readonly string[] Concerns = ["narkotika", "inbrott", "vald-i-nara-relation", "trafik"];

    public async Task InitializeAsync()
    {
        _slug = await _client.CreateSurveyAsync("exp", concerns: Concerns,
            areas: [new("centrum", "Centrum"), new("tore", "Töre"), new("sangis", "Sangis")], minimumCellSize: 5);
        (await _client.PutAsync($"/api/v1/staff/surveys/{_slug}/population",
            new StringContent("ageGroup;gender;population\n16-24;kvinna;900\n16-24;man;1000\n25-44;kvinna;1800\n25-44;man;1900\n", Encoding.UTF8, "text/csv")))
            .EnsureSuccessStatusCode();
        var random = new Random(7);
        string[] areas = ["centrum", "centrum", "tore", "sangis"], ages = ["16-24", "25-44"], genders = ["kvinna", "man", "kvinna", "man", "annat"];
        for (var i = 0; i < 60; i++)
        {
            // vald-i-nara-relation is rare: 3 in all, so it is hidden everywhere.
            var concerns = Concerns.Where(c => c == "vald-i-nara-relation" ? i % 20 == 0 : random.NextDouble() < (c == "narkotika" ? 0.5 : 0.3)).ToArray();
            (await _client.PostAsJsonAsync($"/api/v1/public/surveys/{_slug}/responses", new
            {
                concerns, priorities = concerns.Take(3), area = areas[random.Next(areas.Length)],
                ageGroup = ages[random.Next(ages.Length)], gender = genders[random.Next(genders.Length)],
            })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonNode> RankingAsync(string query = "") =>
        JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{_slug}/ranking{query}"))!;

    [Fact]
    public async Task The_Swedish_csv_opens_in_Excel_and_parses_back_to_the_APIs_figures()
    {
        var api = await RankingAsync();
        var response = await _client.GetAsync($"/api/v1/staff/surveys/{_slug}/ranking?format=csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.Should().Be($"rangordning-{_slug}-{DateTime.UtcNow:yyyy-MM-dd}.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "Excel needs the BOM to read UTF-8");
        var (about, table) = Sections(Encoding.UTF8.GetString(bytes[3..]), ';');

        AboutSays(about, api);
        table[0].Should().StartWith(["Rang", "Kod", "Problem", "Antal", "Andel"]);
        RowsEqualApi(table, api, Swedish);
        table.Skip(1).Single(r => r[1] == "vald-i-nara-relation")[3..7].Should().OnlyContain(v => v == "..", "3 is under the floor of 5");
    }

    [Fact]
    public async Task The_rfc4180_dialect_uses_comma_and_point_and_quotes_what_needs_it()
    {
        var api = await RankingAsync();
        var bytes = await _client.GetByteArrayAsync($"/api/v1/staff/surveys/{_slug}/ranking?format=csv&dialect=rfc4180");

        bytes.Take(3).Should().NotEqual([0xEF, 0xBB, 0xBF]);
        var (about, table) = Sections(Encoding.UTF8.GetString(bytes), ',');
        AboutSays(about, api);
        RowsEqualApi(table, api, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_breakdown_csv_hides_exactly_what_the_API_hides()
    {
        var api = await RankingAsync("?by=area");
        var text = Encoding.UTF8.GetString(await _client.GetByteArrayAsync($"/api/v1/staff/surveys/{_slug}/ranking?format=csv&by=area"));
        var (_, table) = Sections(text.TrimStart('\uFEFF'), ';');

        table[0].Should().Equal("Område", "Kod", "Svarande i gruppen", "Svarade på frågan", "Problem", "Problemkod", "Antal", "Andel", "Andel, nedre gräns", "Andel, övre gräns");
        var groups = api["breakdown"]!["groups"]!.AsArray();
        table.Count.Should().Be(1 + groups.Count * Concerns.Length);
        foreach (var row in table.Skip(1))
        {
            var group = groups.Single(g => (g!["value"]?.GetValue<string>() ?? "") == row[1])!;
            var concern = group["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == row[5])!;
            Figure(row[2], Swedish).Should().Be(group["respondents"]?.GetValue<double>(), "respondents of {0}", row[0]);
            Figure(row[6], Swedish).Should().Be(concern["count"]?.GetValue<double>(), "{0} in {1}", row[5], row[0]);
            Figure(row[7], Swedish).Should().BeApproximately(concern["share"]?.GetValue<double>(), 5e-7);
        }
        table.Skip(1).Where(r => r[5] == "vald-i-nara-relation").Should().OnlyContain(r => r[6] == ".." || r[6] == "0", "3 in all: no group shows it");
    }

    [Fact]
    public async Task The_workbook_has_real_numbers_a_sheet_per_breakdown_and_the_APIs_figures()
    {
        var api = await RankingAsync();
        var response = await _client.GetAsync($"/api/v1/staff/surveys/{_slug}/ranking?format=xlsx");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").Should().BeEmpty("Excel refuses a workbook that breaks the schema");

        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).Should().Equal("Om rapporten", "Rangordning", "Förslag", "Underlag", "Område", "Åldersgrupp", "Kön", "Kanal", "Vikter");

        var about = Rows(workbook, sheets[0]);
        about.Select(r => r[0].Text).Should().Contain(["Enkät", "Kommun", "Löftesperiod", "Svarande", "Skapad", "Röjandeskydd", "Vägning", "Förslagets underlag"]);
        about.Single(r => r[0].Text == "Svarande")[1].Number.Should().Be(api["respondents"]!.GetValue<double>());

        var ranking = Rows(workbook, sheets[1]);
        ranking[0].Select(c => c.Text).Should().StartWith(["Rang", "Kod", "Problem", "Antal", "Andel"]);
        foreach (var concern in api["concerns"]!.AsArray())
        {
            var row = ranking.Single(r => r[1].Text == concern!["code"]!.GetValue<string>());
            row[0].Number.Should().Be(concern!["rank"]!.GetValue<double>());
            if (concern["suppressed"]!.GetValue<bool>())
            {
                row[3].Text.Should().Be("..");
                row[4].Text.Should().Be("..");
                continue;
            }
            row[3].Number.Should().Be(concern["count"]!.GetValue<double>());
            row[4].Number.Should().BeApproximately(concern["share"]!.GetValue<double>(), 1e-12);
            row[4].IsNumber.Should().BeTrue("a share is a number cell, shown as per cent");
            row[5].Number.Should().BeApproximately(concern["ciLow"]!.GetValue<double>(), 1e-12);
            if (concern["weightedShare"] is { } weighted) row[7].Number.Should().BeApproximately(weighted.GetValue<double>(), 1e-12);
            else row[7].Text.Should().Be("..", "the gate hides this weighted share");
        }

        // The evidence sheet: each concern's score as the API gives it, ".." where the survey figure is hidden.
        var evidence = Rows(workbook, sheets[3]);
        evidence[0].Select(c => c.Text).Should().StartWith(["Rang i förslaget", "Rang i enkäten", "Kod", "Problem", "Samlat värde"]);
        foreach (var row in api["evidence"]!["rows"]!.AsArray())
        {
            var sheetRow = evidence.Single(r => r[2].Text == row!["code"]!.GetValue<string>());
            if (row!["score"] is { } score) sheetRow[4].Number.Should().BeApproximately(score.GetValue<double>(), 1e-12);
            else sheetRow[4].Text.Should().Be("..");
        }

        var area = Rows(workbook, sheets[4]);
        var groups = (await RankingAsync("?by=area"))["breakdown"]!["groups"]!.AsArray();
        area.Count.Should().Be(1 + groups.Count * Concerns.Length);
        foreach (var row in area.Skip(1))
        {
            var concern = groups.Single(g => (g!["value"]?.GetValue<string>() ?? "") == (row[1].Text ?? ""))!["concerns"]!.AsArray()
                .Single(c => c!["code"]!.GetValue<string>() == row[5].Text)!;
            if (concern["count"] is null) row[6].Text.Should().Be("..");
            else row[6].Number.Should().Be(concern["count"]!.GetValue<double>());
        }

        var proposal = Rows(workbook, sheets[2]);
        proposal.Select(r => r[1].Text).Should().Contain("Utkast till medborgarlöfte");
        proposal[1][2].Text.Should().Be(api["proposal"]!["focusAreas"]![0]!["rationale"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_json_export_carries_every_breakdown_and_the_header()
    {
        var response = await _client.GetAsync($"/api/v1/staff/surveys/{_slug}/ranking?format=json");
        response.Content.Headers.ContentDisposition!.FileName.Should().EndWith(".json");
        var export = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        export["breakdowns"]!.AsArray().Select(b => b!["by"]!.GetValue<string>()).Should().Equal("area", "ageGroup", "gender", "channel");
        foreach (var field in new[] { "survey", "municipality", "pledgePeriodStart", "pledgePeriodEnd", "respondents", "generatedAt", "suppressionRule" })
            export[field].Should().NotBeNull(field);
    }

    [Fact]
    public async Task Unknown_formats_and_dialects_are_named()
    {
        var response = await _client.GetAsync($"/api/v1/staff/surveys/{_slug}/ranking?format=pdf&dialect=latin1");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo("format", "dialect");
    }

    private static readonly CultureInfo Swedish = new("sv-SE") { NumberFormat = { NegativeSign = "-" } };

    private static double? Figure(string text, CultureInfo culture) =>
        text is "" or ".." ? null : double.Parse(text, NumberStyles.Float, culture);

    private static void AboutSays(List<string[]> about, JsonNode api)
    {
        var values = about.Skip(1).ToDictionary(r => r[0], r => r[1]);
        values["Enkätens kod"].Should().Be(api["survey"]!.GetValue<string>());
        values["Kommun"].Should().Be("Kalix (2514)");
        values["Löftesperiod"].Should().Be("2027-01-01 – 2027-12-31");
        values["Svarande"].Should().Be(api["respondents"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        values["Skapad"].Should().EndWith("(svensk tid)");
        values["Röjandeskydd"].Should().Contain("minst 5");
        values.Should().ContainKey("Vägning");
    }

    private static void RowsEqualApi(List<string[]> table, JsonNode api, CultureInfo culture)
    {
        var concerns = api["concerns"]!.AsArray();
        table.Skip(1).Select(r => r[1]).Should().Equal(concerns.Select(c => c!["code"]!.GetValue<string>()), "the same order as the API");
        foreach (var (row, concern) in table.Skip(1).Zip(concerns))
        {
            Figure(row[0], culture).Should().Be(concern!["rank"]!.GetValue<double>());
            Figure(row[3], culture).Should().Be(concern["count"]?.GetValue<double>());
            foreach (var (column, field) in new[] { (4, "share"), (5, "ciLow"), (6, "ciHigh"), (7, "weightedShare"), (8, "weightedCiLow"), (9, "weightedCiHigh") })
            {
                if (concern[field] is null) row[column].Should().Be("..");
                else Figure(row[column], culture)!.Value.Should().BeApproximately(concern[field]!.GetValue<double>(), 5e-7, field);
            }
        }
    }

    // Splits the export at its empty line into the "about" block and the table.
    private static (List<string[]> About, List<string[]> Table) Sections(string text, char separator)
    {
        var rows = CsvText.Rows(text, separator);
        var blank = rows.FindIndex(r => r is [""]);
        blank.Should().BePositive("an about block, an empty line, then the table");
        rows.Skip(blank + 1).Count(r => r is [""]).Should().Be(0, "one empty line only");
        return (rows[..blank], rows[(blank + 1)..]);
    }

    private sealed record XCell(string? Text, double Number, bool IsNumber);

    private static List<XCell[]> Rows(SpreadsheetDocument workbook, Sheet sheet)
    {
        var part = (WorksheetPart)workbook.WorkbookPart!.GetPartById(sheet.Id!);
        return part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r =>
        {
            var cells = new XCell[32];
            foreach (var cell in r.Elements<Cell>())
            {
                var column = cell.CellReference!.Value!.TakeWhile(char.IsLetter).Aggregate(0, (n, ch) => n * 26 + ch - 'A' + 1) - 1;
                cells[column] = cell.DataType?.Value == CellValues.InlineString
                    ? new XCell(cell.InlineString!.InnerText, double.NaN, false)
                    : new XCell(null, double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture), true);
            }
            return cells.Select(c => c ?? new XCell(null, double.NaN, false)).ToArray();
        }).ToList();
    }
}
