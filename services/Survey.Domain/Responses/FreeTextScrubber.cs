using System.Text.RegularExpressions;

namespace Survey.Domain.Responses;

/// <summary>
/// Removes personal data from free text before it is stored or sent anywhere: an answer that names
/// a personnummer, a phone number, an e-mail address or a registration plate is personal data
/// (and may be criminal-offence data), so it must not reach the broker or the store.
/// </summary>
public static partial class FreeTextScrubber
{
    // Personnummer and samordningsnummer: YYMMDD-NNNN, YYYYMMDDNNNN, with '-', '+' or nothing.
    [GeneratedRegex(@"\b(?:19|20)?\d{2}[01]\d[0-9]\d[-+\s]?\d{4}\b")]
    private static partial Regex PersonalIdentityNumber();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex EmailAddress();

    // Swedish numbers: +46 or 0 followed by 6–11 more digits, with spaces or hyphens between groups.
    [GeneratedRegex(@"(?<![\w+])(?:\+46|0046|0)[\s-]?\d{1,3}(?:[\s-]?\d){5,9}\b")]
    private static partial Regex PhoneNumber();

    // ABC 123 or ABC 12A (letters I, Q, V, Å, Ä, Ö are never used on Swedish plates).
    [GeneratedRegex(@"\b[A-HJ-PR-UW-Z]{3}\s?\d{2}[0-9A-HJ-PR-UW-Z]\b")]
    private static partial Regex RegistrationPlate();

    public static string? Scrub(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return text;
        var scrubbed = EmailAddress().Replace(text, "[e-post]");
        scrubbed = PersonalIdentityNumber().Replace(scrubbed, "[personnummer]");
        scrubbed = PhoneNumber().Replace(scrubbed, "[telefonnummer]");
        scrubbed = RegistrationPlate().Replace(scrubbed, "[registreringsnummer]");
        return scrubbed.Trim();
    }
}
