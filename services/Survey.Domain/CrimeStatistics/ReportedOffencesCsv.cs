using System.Globalization;
using System.Text;
using Survey.Domain.Municipalities;
using Survey.Domain.Surveys;

namespace Survey.Domain.CrimeStatistics;

// One row of Brå's "Anmälda brott": a region, a year, an offence category, the count and the rate per 100 000
// residents as Brå publishes it. Region is a municipality's SCB code, or National ("00") for the whole country.
public sealed record ReportedOffences(string Region, int Year, string Category, long Count, double RatePer100k)
{
    public const string National = "00";
}

// Reads the CSV an admin exports from Brå's statistics database: a header naming the columns Region, År, Brott,
// Antal and "Per 100 000 invånare" (any case, any order, other columns ignored), separated by semicolons, tabs or
// commas (a comma-separated file quotes a decimal comma: "123,4"), then a row per region, year and category.
// Numbers may group thousands with spaces or no-break spaces ("1 234") and have a decimal comma. Every bad line is
// named, in Swedish, under the key "rad N"; with any error nothing is to be imported.
public static class ReportedOffencesCsv
{
    public const int FirstYear = 1975;
    public const int MaxRows = 100_000;
    private const int MaxErrors = 200;
    private const long MaxCount = 100_000_000;

    private static readonly string[] RegionNames = ["region", "kommun", "område"];
    private static readonly string[] YearNames = ["år", "ar", "year"];
    private static readonly string[] CategoryNames = ["brott", "brottstyp", "brottskategori", "brottskod"];
    private static readonly string[] CountNames = ["antal", "antal anmälda brott", "anmälda brott"];
    private static readonly string[] RateNames = ["per 100 000 invånare", "per 100 000 inv.", "per 100 000 inv", "antal per 100 000 invånare"];

    private static readonly string[] NationalNames = ["riket", "hela landet", "sverige", "00"];

    // currentYear: the latest year a row may be for (statistics are published after the year ends, so no later one).
    public static (IReadOnlyList<ReportedOffences> Rows, Errors Errors) Parse(string csv, int currentYear)
    {
        var errors = new Errors();
        var lines = csv.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var headerIndex = lines.FindIndex(l => !string.IsNullOrWhiteSpace(l));
        if (headerIndex < 0)
        {
            errors.Add("csv", "Filen är tom. Första raden ska namnge kolumnerna Region, År, Brott, Antal och Per 100 000 invånare.");
            return ([], errors);
        }
        var separator = new[] { ';', '\t', ',' }.FirstOrDefault(c => lines[headerIndex].Contains(c), ';');
        var header = Split(lines[headerIndex], separator).Select(Normalise).ToList();
        int Column(string[] names) => header.FindIndex(names.Contains);
        int[] columns = [Column(RegionNames), Column(YearNames), Column(CategoryNames), Column(CountNames), Column(RateNames)];
        if (columns.Any(c => c < 0))
        {
            string[] wanted = ["Region", "År", "Brott", "Antal", "Per 100 000 invånare"];
            errors.Add($"rad {headerIndex + 1}", "Rubrikraden saknar " + string.Join(", ", wanted.Where((_, i) => columns[i] < 0)) +
                $" (rubrikerna som finns: {string.Join(", ", header)}).");
            return ([], errors);
        }
        var (regionColumn, yearColumn, categoryColumn, countColumn, rateColumn) = (columns[0], columns[1], columns[2], columns[3], columns[4]);

        var rows = new List<ReportedOffences>();
        var seen = new Dictionary<(string, int, string), int>();
        var errorCount = 0;
        void Error(int line, string message)
        {
            if (++errorCount <= MaxErrors) errors.Add($"rad {line}", message);
            else if (errorCount == MaxErrors + 1) errors.Add("csv", $"Fler än {MaxErrors} fel; de första {MaxErrors} står här.");
        }

        for (var i = headerIndex + 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var line = i + 1;
            if (rows.Count + errorCount >= MaxRows)
            {
                Error(line, "Filen har fler än 100 000 rader; dela upp den.");
                break;
            }
            var values = Split(lines[i], separator);
            if (values.Any(v => TextRules.Problem(v) is not null))
            {
                Error(line, "Raden innehåller ett styrtecken eller ogiltig text.");
                continue;
            }
            if (values.Count <= columns.Max())
            {
                Error(line, $"Raden har {values.Count} kolumner åtskilda med '{separator}', rubrikraden {header.Count}.");
                continue;
            }
            var failed = false;
            void Fail(string message) { failed = true; Error(line, message); }

            var regionText = values[regionColumn];
            var region = Region(regionText);
            if (region is null) Fail(regionText.Length == 0 ? "Region saknas." : $"'{regionText}' är ingen kommun.");

            var yearText = values[yearColumn];
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                Fail(yearText.Length == 0 ? "År saknas." : $"År '{yearText}' är inget årtal.");
            else if (year < FirstYear || year > currentYear)
                Fail($"År {year} ligger utanför {FirstYear}–{currentYear}.");

            var category = string.Join(' ', values[categoryColumn].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (category.Length == 0) Fail("Brott saknas.");
            else if (category.Length > 200) Fail("Brottets namn är längre än 200 tecken.");

            var countText = values[countColumn];
            var count = 0L;
            if (Digits(countText) is not { Length: > 0 } countDigits) Fail("Antal saknas.");
            else if (countDigits.StartsWith('-') || countDigits.StartsWith('−')) Fail($"Antal '{countText}' är negativt.");
            else if (!long.TryParse(countDigits, NumberStyles.None, CultureInfo.InvariantCulture, out count)) Fail($"Antal '{countText}' är inte ett heltal.");
            else if (count > MaxCount) Fail($"Antal '{countText}' är orimligt stort.");

            var rateText = values[rateColumn];
            var rate = 0.0;
            if (Digits(rateText) is not { Length: > 0 } rateDigits) Fail("Per 100 000 invånare saknas.");
            else if (rateDigits.StartsWith('-') || rateDigits.StartsWith('−')) Fail($"Per 100 000 invånare '{rateText}' är negativt.");
            // .NET reads "NaN" and "∞" as numbers whatever the styles: a rate is digits.
            else if (!double.TryParse(rateDigits.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate)
                || !double.IsFinite(rate))
                Fail($"Per 100 000 invånare '{rateText}' är inget tal.");
            else if (rate > 100_000) Fail($"Per 100 000 invånare '{rateText}' är mer än 100 000.");

            if (failed) continue;
            var key = (region!, year, OffenceCategories.Key(category));
            if (seen.TryGetValue(key, out var first))
            {
                Error(line, $"Samma region, år och brott som rad {first}.");
                continue;
            }
            seen[key] = line;
            rows.Add(new ReportedOffences(region!, year, category, count, rate));
        }
        if (rows.Count == 0 && errors.IsEmpty)
            errors.Add("csv", "Filen har en rubrikrad men inga rader.");
        return (rows, errors);
    }

    // The SCB code of a region as Brå or SCB writes it: "2514", "Kalix", "Kalix kommun", "2514 Kalix"; National for the
    // whole country ("Riket", "Hela landet", "00"). Null: no such municipality.
    public static string? Region(string text)
    {
        var name = Normalise(text);
        if (NationalNames.Contains(name)) return ReportedOffences.National;
        var code = name.Length >= 4 && name[..4].All(char.IsAsciiDigit) && (name.Length == 4 || name[4] == ' ') ? name[..4] : null;
        if (code is not null) return MunicipalityRegistry.TryGet(code, out _) ? code : null;
        if (name.EndsWith(" kommun", StringComparison.Ordinal)) name = name[..^" kommun".Length];
        return MunicipalityRegistry.All.FirstOrDefault(m => Normalise(m.Name) == name)?.Code;
    }

    // A number's characters without the spaces that group its thousands (spaces, no-break and narrow no-break spaces).
    private static string Digits(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private static string Normalise(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLower(Swedish);

    // One line's fields: a field in double quotes may hold the separator and "" for a quote.
    private static List<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { fields.Add(field.ToString().Trim()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString().Trim());
        return fields;
    }
}
