using System.Text;
using Survey.Domain.CrimeStatistics;

namespace Survey.UnitTests.Domain.CrimeStatistics;

public class ReportedOffencesCsvTests
{
    private const int ThisYear = 2026;

    public static string Sample() => File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Staff", "CrimeStatistics", "bra-anmalda-brott-sample.csv"), Encoding.UTF8);

    private static IReadOnlyList<ReportedOffences> Read(string csv)
    {
        var (rows, errors) = ReportedOffencesCsv.Parse(csv, ThisYear);
        errors.ToDictionary().Should().BeEmpty();
        return rows;
    }

    private static IDictionary<string, string[]> Errors(string csv)
    {
        var (_, errors) = ReportedOffencesCsv.Parse(csv, ThisYear);
        return errors.ToDictionary();
    }

    [Fact]
    public void The_sample_file_reads_every_row_with_thousands_spaces_and_decimal_commas()
    {
        var rows = Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Staff", "CrimeStatistics", "bra-anmalda-brott-sample.csv")));

        rows.Should().HaveCount(130);
        rows.Select(r => r.Region).Distinct().Should().BeEquivalentTo(["2514", "1272", "2132", "1082", "00"]);
        rows.Should().ContainEquivalentOf(new ReportedOffences("2514", 2025, "Narkotikabrott", 171, 1062.1));
        rows.Should().ContainEquivalentOf(new ReportedOffences("00", 2025, "Narkotikabrott", 83875, 792.0));
    }

    [Theory]
    [InlineData("Region;År;Brott;Antal;Per 100 000 invånare")]
    [InlineData("REGION;ÅR;BROTT;ANTAL;PER 100 000 INVÅNARE")]
    [InlineData("Brott;Per 100 000 inv.;Region;Antal;Källa;År")]
    [InlineData("kommun;år;brottstyp;antal anmälda brott;per\u00A0100\u00A0000 invånare")]
    public void Header_names_are_matched_ignoring_case_order_and_other_columns(string header)
    {
        var names = header.Split(';').Select(h => h.ToLowerInvariant().Replace('\u00A0', ' ')).ToList();
        string Value(string name) => name switch
        {
            _ when name is "region" or "kommun" => "Kalix",
            _ when name is "år" => "2025",
            _ when name.StartsWith("brott", StringComparison.Ordinal) => "Narkotikabrott",
            _ when name.StartsWith("antal", StringComparison.Ordinal) => "171",
            _ when name.StartsWith("per", StringComparison.Ordinal) => "1062,1",
            _ => "Brå",
        };

        var rows = Read(header + "\n" + string.Join(';', names.Select(Value)) + "\n");

        rows.Should().Equal(new ReportedOffences("2514", 2025, "Narkotikabrott", 171, 1062.1));
    }

    [Theory]
    [InlineData("Region;År;Brott;Antal;Per 100 000 invånare\nKalix;2025;Narkotikabrott;1 171;7 273,3\n")]
    [InlineData("Region\tÅr\tBrott\tAntal\tPer 100 000 invånare\nKalix\t2025\tNarkotikabrott\t1 171\t7 273,3\n")]
    [InlineData("Region,År,Brott,Antal,Per 100 000 invånare\r\nKalix,2025,Narkotikabrott,\"1 171\",\"7 273,3\"\r\n")]
    [InlineData("\uFEFFRegion;År;Brott;Antal;Per 100 000 invånare\r\nKalix;2025;Narkotikabrott;1\u00A0171;7\u00A0273,3\r\n")]
    [InlineData("Region;År;Brott;Antal;Per 100 000 invånare\n\nKalix;2025;Narkotikabrott;1\u202F171;7273.3\n\n")]
    public void Separators_byte_order_mark_and_thousands_spaces_read_alike(string csv)
    {
        Read(csv).Should().Equal(new ReportedOffences("2514", 2025, "Narkotikabrott", 1171, 7273.3));
    }

    [Theory]
    [InlineData("Kalix", "2514")]
    [InlineData("kalix kommun", "2514")]
    [InlineData("2514", "2514")]
    [InlineData("2514 Kalix", "2514")]
    [InlineData("Bromölla", "1272")]
    [InlineData("Riket", "00")]
    [InlineData("Hela landet", "00")]
    [InlineData("00", "00")]
    public void A_region_is_a_municipality_by_name_or_code_or_the_whole_country(string region, string code)
    {
        ReportedOffencesCsv.Region(region).Should().Be(code);
    }

    private const string Header = "Region;År;Brott;Antal;Per 100 000 invånare\n";
    private const string Good = "Kalix;2025;Narkotikabrott;171;1062,1\n";

    // Each bad line is named by its number in the file (the header is line 1) with what is wrong, in Swedish.
    [Theory]
    [InlineData("Kalixx;2025;Narkotikabrott;171;1062,1", "'Kalixx' är ingen kommun.")]
    [InlineData(";2025;Narkotikabrott;171;1062,1", "Region saknas.")]
    [InlineData("Kalix;2025;Bostadsinbrott;12a;74,5", "Antal '12a' är inte ett heltal.")]
    [InlineData("Kalix;2025;Bostadsinbrott;12,5;74,5", "Antal '12,5' är inte ett heltal.")]
    [InlineData("Kalix;2025;Bostadsinbrott;-3;74,5", "Antal '-3' är negativt.")]
    [InlineData("Kalix;2025;Bostadsinbrott;;74,5", "Antal saknas.")]
    [InlineData("Kalix;2025;Bostadsinbrott;12;", "Per 100 000 invånare saknas.")]
    [InlineData("Kalix;2025;Bostadsinbrott;12;..", "Per 100 000 invånare '..' är inget tal.")]
    [InlineData("Kalix;2025;Bostadsinbrott;12;NaN", "Per 100 000 invånare 'NaN' är inget tal.")]
    [InlineData("Kalix;2025;Bostadsinbrott;12;-74,5", "Per 100 000 invånare '-74,5' är negativt.")]
    [InlineData("Kalix;1960;Bostadsinbrott;12;74,5", "År 1960 ligger utanför 1975–2026.")]
    [InlineData("Kalix;2031;Bostadsinbrott;12;74,5", "År 2031 ligger utanför 1975–2026.")]
    [InlineData("Kalix;tjugo;Bostadsinbrott;12;74,5", "År 'tjugo' är inget årtal.")]
    [InlineData("Kalix;2025;;12;74,5", "Brott saknas.")]
    [InlineData("Kalix;2025;Bostadsinbrott", "Raden har 3 kolumner åtskilda med ';', rubrikraden 5.")]
    [InlineData("kalix kommun;2025;NARKOTIKABROTT;170;1055,9", "Samma region, år och brott som rad 2.")]
    public void Each_bad_line_is_named_with_its_number_and_what_is_wrong(string line, string message)
    {
        Errors(Header + Good + "\n" + line + "\n").Should().BeEquivalentTo(new Dictionary<string, string[]> { ["rad 4"] = [message] });
    }

    [Fact]
    public void Every_bad_line_is_named_not_only_the_first()
    {
        var errors = Errors(Header + "Kalixx;2025;Narkotikabrott;171;1062,1\n" + Good + "Kalix;2025;Rån;2a;\n");

        errors.Keys.Should().BeEquivalentTo(["rad 2", "rad 4"]);
        errors["rad 4"].Should().Equal("Antal '2a' är inte ett heltal.", "Per 100 000 invånare saknas.");
    }

    [Fact]
    public void A_header_without_a_column_names_what_is_missing()
    {
        Errors("Region;År;Brott;Antal\nKalix;2025;Narkotikabrott;171\n")["rad 1"].Single()
            .Should().StartWith("Rubrikraden saknar Per 100 000 invånare");
    }

    [Fact]
    public void An_empty_file_and_a_header_alone_are_refused()
    {
        Errors("\uFEFF\n").Should().ContainKey("csv");
        Errors(Header).Should().ContainKey("csv");
    }
}
