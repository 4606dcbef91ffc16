using System.Globalization;
using System.Text;

namespace Survey.Staff.Ranking;

public enum CsvDialect
{
    // As Swedish Excel opens a file by double-click: UTF-8 with BOM, semicolons, decimal comma.
    Swedish,

    // RFC 4180: commas, decimal point, no BOM.
    Rfc4180,
}

// Writes report tables as CSV: the "about" block first, an empty line, then the table.
public static class CsvExport
{
    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NegativeSign = "-" };

    public static byte[] Write(CsvDialect dialect, params ReportTable[] tables)
    {
        var separator = dialect == CsvDialect.Swedish ? ';' : ',';
        var numbers = dialect == CsvDialect.Swedish ? DecimalComma : NumberFormatInfo.InvariantInfo;
        var text = new StringBuilder();
        for (var t = 0; t < tables.Length; t++)
        {
            if (t > 0) text.Append("\r\n");
            Line(text, tables[t].Headers.Select(TextField), separator);
            foreach (var row in tables[t].Rows)
                Line(text, row.Select(cell => cell.Kind == CellKind.Text ? TextField(cell.Text!) : Format(cell, numbers)), separator);
        }
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return dialect == CsvDialect.Swedish ? [.. Encoding.UTF8.GetPreamble(), .. body] : body;

        // Titles and labels come from admins. OWASP's rule against CSV injection: text that a spreadsheet
        // would read as a formula gets a single quote in front and is quoted. Number cells (a change of
        // -0,05) are never text and are written as they are.
        string TextField(string value)
        {
            var formula = value.Length > 0 && FormulaStarts.Contains(value[0]);
            if (formula) value = "'" + value;
            return formula || value.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
        }
    }

    private const string FormulaStarts = "=+-@\t\r";

    private static void Line(StringBuilder text, IEnumerable<string> values, char separator) =>
        text.AppendJoin(separator, values).Append("\r\n");

    // Shares as proportions (0,412) to six decimals, so Excel can show them as per cent.
    private static string Format(ReportCell cell, NumberFormatInfo numbers) => cell.Kind switch
    {
        CellKind.Count => cell.Number.ToString("0", numbers),
        CellKind.Share => cell.Number.ToString("0.######", numbers),
        CellKind.Number => cell.Number.ToString("0.####", numbers),
        CellKind.Hidden => ReportTables.HiddenMark,
        _ => "",
    };
}
