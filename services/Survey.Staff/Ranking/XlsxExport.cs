using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml;

namespace Survey.Staff.Ranking;

// Writes report tables as an Excel workbook, a sheet per table: real number cells (shares
// formatted as per cent), a bold header row frozen at the top, and ".." as text where a figure
// is suppressed.
public static class XlsxExport
{
    private const uint TextStyle = 0, HeaderStyle = 1, CountStyle = 2, ShareStyle = 3, NumberStyle = 4, WrapStyle = 5;

    public static byte[] Write(IReadOnlyList<ReportTable> tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());

            uint sheetId = 1;
            // Excel refuses two sheets of one name (case aside): question codes cut to 31 characters may meet.
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var table in tables)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                worksheetPart.Worksheet = Sheet(table);
                var wanted = SheetName(table.Name);
                var name = wanted;
                for (var n = 2; !used.Add(name); n++) name = wanted[..Math.Min(wanted.Length, 26)] + $" ({n})";
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = sheetId++, Name = name });
            }
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Worksheet Sheet(ReportTable table)
    {
        var data = new SheetData();
        var header = new Row { RowIndex = 1 };
        for (var c = 0; c < table.Headers.Count; c++)
            header.Append(TextCell(Reference(c, 1), table.Headers[c], HeaderStyle));
        data.Append(header);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var rowIndex = (uint)(r + 2);
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < table.Rows[r].Count; c++)
                if (Cell(table.Rows[r][c], Reference(c, rowIndex)) is { } cell) row.Append(cell);
            data.Append(row);
        }

        var worksheet = new Worksheet();
        // Freeze the header row so it stays in view.
        worksheet.Append(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));
        worksheet.Append(new Columns(table.Headers.Select((h, c) => new Column
        {
            Min = (uint)(c + 1),
            Max = (uint)(c + 1),
            Width = Math.Clamp(Math.Max(h.Length, table.Rows.Select(r => c < r.Count ? Width(r[c]) : 0).DefaultIfEmpty(0).Max()) + 2, 8, 80),
            CustomWidth = true,
        })));
        worksheet.Append(data);
        return worksheet;
    }

    private static int Width(ReportCell cell) => cell.Kind switch
    {
        CellKind.Text => cell.Text!.Split('\n').Max(l => l.Length),
        CellKind.Empty => 0,
        _ => 10,
    };

    private static Cell? Cell(ReportCell cell, string reference) => cell.Kind switch
    {
        CellKind.Text => TextCell(reference, cell.Text!, cell.Text!.Contains('\n') ? WrapStyle : TextStyle),
        CellKind.Hidden => TextCell(reference, ReportTables.HiddenMark, TextStyle),
        CellKind.Count => NumberCell(reference, cell.Number, CountStyle),
        CellKind.Share => NumberCell(reference, cell.Number, ShareStyle),
        CellKind.Number => NumberCell(reference, cell.Number, NumberStyle),
        _ => null,
    };

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style,
        InlineString = new InlineString(new Text(XmlText(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    // The text with every character XML 1.0 cannot hold replaced by U+FFFD: the writer throws on them,
    // and text stored before the survey validator refused them must still export.
    private static string XmlText(string text)
    {
        char[]? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (!IsXmlChar(text[i])) (clean ??= text.ToCharArray())[i] = '\uFFFD';
        }
        return clean is null ? text : new string(clean);
    }

    // XML 1.0's Char production, for one UTF-16 unit (a surrogate is writable only as half of a pair).
    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' or (>= '\u0020' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');

    private static Cell NumberCell(string reference, double value, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.Number,
        StyleIndex = style,
        CellValue = new CellValue(value),
    };

    private static string Reference(int column, uint row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + row;
    }

    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var clean = new string(XmlText(name).Where(ch => !":\\/?*[]".Contains(ch)).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),                                                                   // 0 text
            new CellFormat { FontId = 1, ApplyFont = true },                                   // 1 header
            new CellFormat { NumberFormatId = 1, ApplyNumberFormat = true },                   // 2 count "0"
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },                 // 3 share "0.0%"
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },                   // 4 number "0.00"
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }) // 5 wrapped
        { Count = 6 });
}
