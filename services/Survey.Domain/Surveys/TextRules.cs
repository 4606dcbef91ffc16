namespace Survey.Domain.Surveys;

// What text the service keeps. Titles, labels and codes travel into workbooks (XML 1.0 cannot hold
// most control characters), PostgreSQL (jsonb cannot hold U+0000), CSV and HTML; half of a
// surrogate pair is not text at all and cannot even be written as UTF-8.
public static class TextRules
{
    // Why the text cannot be kept, naming the character and where it is; null when it can.
    // lineBreaks: Free text keeps its line breaks and tabs; a title or label is one line.
    public static string? Problem(string? text, bool lineBreaks = false)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                return $"Holds U+{(int)c:X4} at position {i + 1}: half of a surrogate pair without its other half is not valid Unicode text.";
            if (lineBreaks && c is '\t' or '\n' or '\r') continue;
            if (char.IsControl(c))
                return $"Holds the control character U+{(int)c:X4} at position {i + 1}; " +
                    (lineBreaks ? "only line breaks and tabs are allowed." : "control characters, line breaks and tabs included, are not allowed.");
            if (c is '\uFFFE' or '\uFFFF')
                return $"Holds U+{(int)c:X4} at position {i + 1}, which is not a character.";
        }
        return null;
    }
}
