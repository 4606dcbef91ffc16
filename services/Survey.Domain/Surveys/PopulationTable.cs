using System.Globalization;

namespace Survey.Domain.Surveys;

// Reads the population per age group × gender that an admin uploads as CSV: a header row naming
// the columns ageGroup, gender and population (or åldersgrupp, kön, antal), separated by
// semicolons, commas or tabs, then one row per cell. Thousands may be grouped with spaces
// ("12 345"), as SCB's tables write them. Codes are the survey's own.
public static class PopulationTable
{
    // The most a cell, and the whole table, may hold: more than Sweden's population, so no municipality's table
    // comes near it, and no sum of a table's cells can overflow.
    public const long MaxPopulation = 20_000_000;

    // Every cell above zero and at most MaxPopulation, and so is their total (none: true).
    public static bool IsWithinLimits(IReadOnlyList<PopulationCell>? cells)
    {
        if (cells is null) return true;
        long total = 0;
        foreach (var cell in cells)
        {
            // Each term is checked before it is added, so the total stays far below long.MaxValue.
            if (cell is null || cell.Population is <= 0 or > MaxPopulation) return false;
            total += cell.Population;
            if (total > MaxPopulation) return false;
        }
        return true;
    }

    private static readonly string[] AgeGroupNames = ["agegroup", "åldersgrupp", "ålder"];
    private static readonly string[] GenderNames = ["gender", "kön"];
    private static readonly string[] PopulationNames = ["population", "antal", "folkmängd"];

    public static (IReadOnlyList<PopulationCell> Cells, Errors Errors) Parse(string csv, SurveyDefinition survey)
    {
        var errors = new Errors();
        var lines = csv.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var headerIndex = lines.FindIndex(l => !string.IsNullOrWhiteSpace(l));
        if (headerIndex < 0)
        {
            errors.Add("csv", "The file is empty; expected a header row 'ageGroup;gender;population' and a row per age group and gender.");
            return ([], errors);
        }
        var separator = new[] { ';', '\t', ',' }.FirstOrDefault(c => lines[headerIndex].Contains(c), ';');
        var header = Split(lines[headerIndex], separator).Select(h => h.ToLowerInvariant()).ToList();
        int Column(string[] names) => header.FindIndex(names.Contains);
        var (ageColumn, genderColumn, populationColumn) = (Column(AgeGroupNames), Column(GenderNames), Column(PopulationNames));
        if (ageColumn < 0 || genderColumn < 0 || populationColumn < 0)
        {
            errors.Add("line 1", $"The header must name the columns ageGroup, gender and population (found: {string.Join(", ", header)}).");
            return ([], errors);
        }

        var cells = new List<PopulationCell>();
        var seen = new HashSet<(string, string)>();
        long total = 0;
        for (var i = headerIndex + 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var field = $"line {i + 1}";
            var values = Split(lines[i], separator);
            if (values.Count <= Math.Max(ageColumn, Math.Max(genderColumn, populationColumn)))
            {
                errors.Add(field, $"Expected {header.Count} columns separated by '{separator}', found {values.Count}.");
                continue;
            }
            var (age, gender, number) = (values[ageColumn], values[genderColumn].ToLowerInvariant(), values[populationColumn]);
            if (!survey.AgeGroups.Contains(age))
                errors.Add(field, $"Age group '{age}' is not one of the survey's: {string.Join(", ", survey.AgeGroups)}.");
            if (!survey.Genders.Contains(gender))
                errors.Add(field, $"Gender '{gender}' is not one of the survey's: {string.Join(", ", survey.Genders)}.");
            var digits = new string(number.Where(c => !char.IsWhiteSpace(c)).ToArray());
            if (digits.Length > 0 && digits.All(char.IsAsciiDigit)
                && (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var large) || large > MaxPopulation))
                errors.Add(field, $"Population '{number}' is over {Limit}, more than Sweden's population.");
            else if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var population) || population <= 0)
                errors.Add(field, $"Population '{number}' is not a whole number above zero.");
            else if (!seen.Add((age, gender)))
                errors.Add(field, $"Age group '{age}' and gender '{gender}' come twice.");
            else
            {
                // Named once, at the line that passes the limit: every later line adds to it too.
                if (total <= MaxPopulation && (total += population) > MaxPopulation)
                    errors.Add(field, $"The population adds up to over {Limit} by this line, more than Sweden's population.");
                cells.Add(new PopulationCell(age, gender, population));
            }
        }
        if (cells.Count == 0 && errors.IsEmpty)
            errors.Add("csv", "The file has a header but no rows.");
        return (cells, errors);
    }

    private static readonly string Limit = MaxPopulation.ToString("N0", CultureInfo.InvariantCulture);

    private static List<string> Split(string line, char separator) =>
        line.Split(separator).Select(v => v.Trim().Trim('"').Trim()).ToList();
}
