using System.Text;

namespace Survey.UnitTests.Staff.Ranking;

// An exported CSV read back as RFC 4180 says: quoted fields may hold separators, doubled quotes and line breaks.
internal static class CsvText
{
    public static List<string[]> Rows(string text, char separator)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == separator) { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { }
            else if (ch == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row = []; }
            else field.Append(ch);
        }
        return rows;
    }
}
