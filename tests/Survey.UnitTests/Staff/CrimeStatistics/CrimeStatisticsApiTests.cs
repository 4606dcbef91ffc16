using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Survey.UnitTests.Domain.CrimeStatistics;
using Survey.UnitTests.Hosts;
using Survey.UnitTests.Staff.Ranking;

namespace Survey.UnitTests.Staff.CrimeStatistics;

// Brå's reported offences: imported by an admin all or nothing, and shown beside the survey figures everywhere.
public class CrimeStatisticsApiTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private const string Path = "/api/v1/staff/crime-statistics";
    private const string Header = "Region;År;Brott;Antal;Per 100 000 invånare\n";

    private readonly HttpClient _client = factory.CreateClient();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private HttpClient As(string role, params string[] municipalities)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token([role], municipalities));
        return client;
    }

    private async Task<JsonNode> ImportSampleAsync()
    {
        var response = await _client.PostAsync(Path, Csv(ReportedOffencesCsvTests.Sample()));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<JsonArray> StoredAsync(string code) =>
        JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/municipalities/{code}/crime-statistics"))!["rows"]!.AsArray();

    [Fact]
    public async Task Importing_the_sample_answers_what_was_stored_per_concern_and_what_maps_to_none()
    {
        var summary = await ImportSampleAsync();

        summary["rows"]!.GetValue<int>().Should().Be(130);
        summary["municipalities"]!.AsArray().Select(m => m!["code"]!.GetValue<string>()).Should().Equal("00", "1082", "1272", "2132", "2514");
        summary["municipalities"]![0]!["name"]!.GetValue<string>().Should().Be("Riket");
        summary["years"]!.AsArray().Select(y => y!.GetValue<int>()).Should().Equal(2024, 2025);
        summary["categoriesByConcern"]!["trafik"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("Rattfylleri", "Olovlig körning");
        summary["unmapped"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("Mord och dråp");
        summary["source"]!.GetValue<string>().Should().StartWith("Brå, anmälda brott, import 20");

        var kalix = await StoredAsync("2514");
        kalix.Should().HaveCount(26);
        var row = kalix.Single(r => r!["year"]!.GetValue<int>() == 2025 && r["category"]!.GetValue<string>() == "Rattfylleri")!;
        row["count"]!.GetValue<long>().Should().Be(64);
        row["ratePer100k"]!.GetValue<double>().Should().Be(397.5);
        row["concern"]!.GetValue<string>().Should().Be("trafik");
        kalix.Single(r => r!["category"]!.GetValue<string>() == "Mord och dråp" && r["year"]!.GetValue<int>() == 2025)!["concern"].Should().BeNull();
    }

    [Fact]
    public async Task A_bad_line_refuses_the_whole_file_naming_each_line_and_nothing_is_stored()
    {
        // Olofström (1060) is in no other test's file.
        var response = await _client.PostAsync(Path, Csv(Header +
            "Olofström;2025;Narkotikabrott;88;675,4\n" +
            "Olofström;2025;Bostadsinbrott;12a;92,1\n" +
            "Olofströmm;2025;Rån;2;15,3\n" +
            "Olofström;2025;Narkotikabrott;88;675,4\n"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!;
        errors["rad 3"]![0]!.GetValue<string>().Should().Be("Antal '12a' är inte ett heltal.");
        errors["rad 4"]![0]!.GetValue<string>().Should().Be("'Olofströmm' är ingen kommun.");
        errors["rad 5"]![0]!.GetValue<string>().Should().Be("Samma region, år och brott som rad 2.");
        (await StoredAsync("1060")).Should().BeEmpty("the good line 2 is not stored either");
    }

    [Fact]
    public async Task A_municipality_the_admin_is_not_granted_is_refused_by_name_and_nothing_is_stored()
    {
        var olofstrom = As("admin", "1060");

        var response = await olofstrom.PostAsync(Path, Csv(Header +
            "Olofström;2024;Narkotikabrott;80;614,2\n" + "Sölvesborg;2024;Narkotikabrott;120;679,0\n" + "Riket;2024;Narkotikabrott;80000;757,1\n"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        detail.Should().Contain("Sölvesborg (1083)").And.Contain("Riket (00)").And.NotContain("Olofström");
        (await StoredAsync("1060")).Should().BeEmpty();
    }

    [Fact]
    public async Task Riket_rows_are_imported_only_by_an_admin_of_every_municipality_and_an_analyst_may_read_but_not_import()
    {
        // Every municipality is compared with the national rows: one municipality's admin must not replace them.
        var olofstrom = As("admin", "1060");
        var refused = await olofstrom.PostAsync(Path, Csv(Header + "Hela landet;1998;Rån;1;0,1\n"));
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Riket (00)");
        (await StoredAsync("00")).Should().NotContain(r => r!["year"]!.GetValue<int>() == 1998);
        (await As("admin", "*").PostAsync(Path, Csv(Header + "Hela landet;1999;Rån;9000;101,2\n"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StoredAsync("00")).Should().Contain(r => r!["year"]!.GetValue<int>() == 1999);

        var analyst = As("analyst", "2514");
        (await analyst.PostAsync(Path, Csv(Header + "Kalix;2025;Rån;3;18,6\n"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await analyst.GetAsync("/api/v1/staff/municipalities/2514/crime-statistics")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await analyst.GetAsync("/api/v1/staff/municipalities/1272/crime-statistics")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await analyst.GetAsync("/api/v1/staff/municipalities/9999/crime-statistics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reimport_of_the_same_municipality_year_and_category_replaces_it()
    {
        (await _client.PostAsync(Path, Csv(Header + "Nordanstig;2019;Narkotikabrott;60;638,3\nNordanstig;2019;Rån;2;21,3\n")))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.PostAsync(Path, Csv(Header + "2132;2019;NARKOTIKABROTT;75;797,9\n"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var rows = (await StoredAsync("2132")).Where(r => r!["year"]!.GetValue<int>() == 2019).ToList();
        rows.Should().HaveCount(2);
        var narkotika = rows.Single(r => r!["concern"]!.GetValue<string>() == "narkotika")!;
        narkotika["count"]!.GetValue<long>().Should().Be(75);
        narkotika["ratePer100k"]!.GetValue<double>().Should().Be(797.9);
        rows.Single(r => r!["category"]!.GetValue<string>() == "Rån")!["count"]!.GetValue<long>().Should().Be(2, "a row not in the new file stays");
    }

    [Fact]
    public async Task A_file_in_a_multipart_form_imports_like_the_body_and_text_that_is_not_UTF8_is_refused()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Header + "Karlshamn;2018;Cykelstöld;120;369,2\n")), "file", "bra.csv");
        (await _client.PostAsync(Path, form)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StoredAsync("1082")).Should().Contain(r => r!["year"]!.GetValue<int>() == 2018 && r["category"]!.GetValue<string>() == "Cykelstöld");

        var latin1 = new ByteArrayContent(Encoding.Latin1.GetBytes(Header + "Karlshamn;2017;Cykelstöld;120;369,2\n"));
        latin1.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await _client.PostAsync(Path, latin1);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["csv"].Should().NotBeNull();
        (await _client.PostAsync(Path, new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<string> KalixSurveyAsync(int pledgeYear = 2027)
    {
        await ImportSampleAsync();
        return await _client.CreateSurveyAsync("crime", "2514", year: pledgeYear, concerns: ["narkotika", "trafik", "inbrott", "polisnarvaro"]);
    }

    [Fact]
    public async Task The_ranking_shows_Kalixs_rates_the_change_from_last_year_and_the_national_rate()
    {
        var slug = await KalixSurveyAsync();

        var crime = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking"))!["crimeStatistics"]!;

        crime["year"]!.GetValue<int>().Should().Be(2025);
        crime["previousYear"]!.GetValue<int>().Should().Be(2024);
        crime["yearChoice"]!.GetValue<string>().Should().Be("latest-before-pledge-period");
        crime["note"]!.GetValue<string>().Should().Contain("röjandeskyddet för svarande gäller därför inte");
        crime["concerns"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()).Should().Equal("narkotika", "trafik", "inbrott");
        var trafik = crime["concerns"]![1]!;
        // The sample's Kalix rows: Rattfylleri 397,5 and Olovlig körning 323,0 in 2025; 360,2 and 291,9 in 2024; Riket 217,9 and 151,0.
        trafik["categories"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("Olovlig körning", "Rattfylleri");
        trafik["count"]!.GetValue<long>().Should().Be(116);
        trafik["ratePer100k"]!.GetValue<double>().Should().BeApproximately(720.5, 1e-9);
        trafik["previousRatePer100k"]!.GetValue<double>().Should().BeApproximately(652.1, 1e-9);
        trafik["change"]!.GetValue<double>().Should().BeApproximately(68.4, 1e-9);
        trafik["changePercent"]!.GetValue<double>().Should().BeApproximately(68.4 / 652.1 * 100, 1e-9);
        trafik["nationalRatePer100k"]!.GetValue<double>().Should().BeApproximately(368.9, 1e-9);
        trafik["ratioToNational"]!.GetValue<double>().Should().BeApproximately(720.5 / 368.9, 1e-9);
    }

    [Fact]
    public async Task With_no_year_before_the_pledge_period_the_latest_stored_is_shown_and_says_so()
    {
        var slug = await KalixSurveyAsync(pledgeYear: 2024);

        var crime = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking"))!["crimeStatistics"]!;

        crime["year"]!.GetValue<int>().Should().Be(2025);
        crime["yearChoice"]!.GetValue<string>().Should().Be("latest-stored");
    }

    [Fact]
    public async Task A_municipality_without_statistics_has_none_beside_its_ranking()
    {
        var slug = await _client.CreateSurveyAsync("nocrime", "0180");

        JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking"))!.AsObject()
            .Should().NotContainKey("crimeStatistics");
    }

    [Fact]
    public async Task The_csv_export_has_a_Brottsstatistik_section_with_the_rate_the_change_and_the_source()
    {
        var slug = await KalixSurveyAsync();

        var text = Encoding.UTF8.GetString(await _client.GetByteArrayAsync($"/api/v1/staff/surveys/{slug}/ranking?format=csv")).TrimStart('\uFEFF');

        var rows = CsvText.Rows(text, ';');
        var header = rows.FindIndex(r => r.Length > 5 && r[5] == "Anmälda brott per 100 000 inv. (2025)");
        header.Should().BePositive("the crime statistics follow the ranking");
        rows[header].Should().Contain(["Förändring från 2024 (per 100 000 inv.)", "Källa"]);
        var trafik = rows[header..].Single(r => r[0] == "trafik");
        trafik[4].Should().Be("116");
        trafik[5].Should().Be("720,5");
        trafik[6].Should().Be("652,1");
        trafik[7].Should().Be("68,4");
        trafik[11].Should().StartWith("Brå, anmälda brott, import 20");
        rows.Single(r => r[0] == "Brottsstatistik")[1].Should().Contain("röjandeskyddet för svarande gäller därför inte");
    }

    [Fact]
    public async Task The_workbook_has_a_Brottsstatistik_sheet_with_number_cells()
    {
        var slug = await KalixSurveyAsync();

        using var stream = new MemoryStream(await _client.GetByteArrayAsync($"/api/v1/staff/surveys/{slug}/ranking?format=xlsx"));
        using var workbook = SpreadsheetDocument.Open(stream, false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).Should().BeEmpty();
        var sheet = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Brottsstatistik");
        var part = (WorksheetPart)workbook.WorkbookPart.GetPartById(sheet.Id!);
        var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();

        var trafik = rows.Single(r => r[0].InnerText == "trafik");
        double Number(Cell c) => c.DataType?.Value == CellValues.Number ? double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture) : double.NaN;
        Number(trafik[5]).Should().BeApproximately(720.5, 1e-9);
        Number(trafik[7]).Should().BeApproximately(68.4, 1e-9);
        trafik[11].InnerText.Should().StartWith("Brå, anmälda brott, import");
    }

    [Fact]
    public async Task The_json_export_carries_the_statistics()
    {
        var slug = await KalixSurveyAsync();

        var export = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/staff/surveys/{slug}/ranking?format=json"))!;

        export["crimeStatistics"]!["concerns"]![1]!["ratePer100k"]!.GetValue<double>().Should().BeApproximately(720.5, 1e-9);
        export["crimeStatistics"]!["source"]!.GetValue<string>().Should().StartWith("Brå, anmälda brott, import");
    }

    [Fact]
    public async Task The_dashboard_shows_the_rate_per_100000_and_the_change_from_last_year()
    {
        var slug = await KalixSurveyAsync();

        // Razor writes "+" as &#x2B;: compare the text as a browser shows it.
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync($"/staff/dashboard/{slug}"));

        html.Should().Contain("<h2 id=\"crime\">Brottsstatistik</h2>")
            .And.Contain("Anmälda brott per 100 000 inv. (2025)")
            .And.Contain("Förändring från 2024")
            .And.Contain("720,5")
            .And.Contain("+68,4 (+10,5 %)")
            .And.Contain("368,9 (1,95 × riket)")
            .And.Contain("Källa: Brå, anmälda brott, import");
    }
}
