using System.Text.RegularExpressions;

namespace Survey.Domain.Responses;

/// <summary>
/// Removes personal data from free text before it is stored or sent anywhere: an answer that names
/// a personnummer, a phone number, an e-mail address, a registration plate or a street address is
/// personal data (and may be criminal-offence data), so it must not reach the broker or the store.
/// Each is replaced by a placeholder naming its kind, so the analysts still see what was there.
/// </summary>
/// <remarks>
/// What stays, on purpose: years, dates, times, counts, prices, percentages, 112, 114 14, 1177;
/// a place without a house number ("vid torget", "på Storgatan på kvällarna": places are what the
/// analysts work with and name nobody); a postcode on its own ("952 31" covers thousands of
/// people; after a street and number it is part of the address and goes with it); road numbers
/// ("väg 97", "riksväg 13", "E4"); ten digits that neither pass the personnummer check digit nor
/// have the shape of a phone number. The cases are in tests/Survey.UnitTests/Domain/Scrubbing.
///
/// Every pattern is bounded (no nested unbounded repetition), so a scan is linear in the length of
/// the text; the match timeout is a second line of defence, and if it ever fires the whole text is
/// withheld rather than stored unscrubbed.
/// </remarks>
public static partial class FreeTextScrubber
{
    public const string Withheld = "[fritext borttagen]";

    // Per scan. Only a backstop (the patterns are linear, and Intake accepts 2,000 characters, which
    // take microseconds), so generous: a starved machine must not withhold an honest answer.
    private const int TimeoutMilliseconds = 5000;
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // Spaces residents' keyboards and word processors produce: space, no-break, narrow no-break, thin.
    private const string Space = @"[ \u00A0\u202F\u2009]";
    // Hyphen-minus, the Unicode hyphens and dashes (en dash, em dash …) and the minus sign.
    private const string DashCharacters = @"\-\u2010-\u2015\u2212";
    private const string Dash = "[" + DashCharacters + "]";

    // Personnummer and samordningsnummer (day + 60): YYMMDD or YYYYMMDD, then the four last digits,
    // written with '-', '+', a dash, a spaced dash, a space or nothing; also YYYY-MM-DD-NNNN.
    private const string Month = @"(?:0[1-9]|1[0-2])";
    private const string Day = @"(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])";
    private const string Century = @"(?<century>1[89]|20)";
    private const string PersonalIdentityNumberPattern =
        @"(?<!\d)(?:" +
            Century + @"?(?<yy>\d{2})(?<mm>" + Month + ")(?<dd>" + Day + ")(?<separator>" + Space + "?[+" + DashCharacters + "]" + Space + "?|" + Space + ")?" +
        "|" +
            Century + @"(?<yy>\d{2})" + Dash + "(?<mm>" + Month + ")" + Dash + "(?<dd>" + Day + ")(?<separator>" + Dash + ")" +
        @")(?<number>\d{4})(?!\d)";

    // Phone numbers. Between digit groups: a space, or a dash or slash with or without spaces round it.
    private const string GroupSeparator = "(?:" + Space + "?(?:" + Dash + "|/)" + Space + "?|" + Space + ")";
    private const string NextDigit = "(?:" + GroupSeparator + @"?\d)";
    // After the trunk 0: mobile 07X + 7 digits; Stockholm 8 + 6 to 8; other areas 1–6, 9 (two or three
    // digits) + the rest, 8 to 10 digits in all. A two-digit area code is only ever 08.
    private const string AfterTrunkZero =
        @"(?:7\d" + NextDigit + "{7}|8" + NextDigit + "{6,8}|[1-69]\\d" + NextDigit + "{5,7})";
    private const string Parenthesised =
        @"\(0(?:7\d\)" + NextDigit + @"{7}|8\)" + NextDigit + @"{6,8}|[1-69]\d\)" + NextDigit + @"{5,7}|[1-69]\d\d\)" + NextDigit + "{4,6})";
    // 070.123.45.67: dots only when every separator is a dot, or 08.30-16.00 would be a number.
    private const string Dotted = @"0(?:7\d(?:\.?\d){7}|8(?:\.?\d){6,8}|[1-69]\d(?:\.?\d){5,7})";
    // A date with the year (08.11.2026, 08/11 2026) or a time range (0930-1630) is not a number.
    private const string NotDateOrTimeRange =
        @"(?!0[1-9][./\-][0-3]?\d[./ \-](?:19|20)\d{2}(?!\d)" +
        @"|[0-2]\d[0-5]\d" + Space + "?" + Dash + Space + @"?[0-2]\d[0-5]\d(?!\d|" + GroupSeparator + @"\d))";
    private const string CountryPrefix = @"(?:\+" + Space + "?|00" + Space + "?)";
    private const string FromAbroadToSweden =
        CountryPrefix + "46(?:" + Space + @"?\(0\))?" + GroupSeparator + "?(?:0" + GroupSeparator + "?)?" + AfterTrunkZero;
    private const string FromAbroadElsewhere =
        CountryPrefix + @"(?!46)[1-9]\d{0,2}(?:" + Space + @"?\(0\))?" + NextDigit + "{6,12}";
    // A number ends in a group of two digits or more, so "08-123 45 67 3 gånger" keeps its count.
    private const string PhoneNumberPattern =
        @"(?<!\d)(?:" + FromAbroadToSweden + "|" + FromAbroadElsewhere + "|" + Parenthesised + "|" +
        NotDateOrTimeRange + "(?:0" + AfterTrunkZero + "|" + Dotted + @"))(?<=\d\d)(?!\d)";

    // E-mail, also as people write it to fool a spam robot: (at), [at], {at}, snabel-a, dot, punkt.
    private const string LocalCharacter = @"[\p{L}\p{N}._%+\-]";
    private const string Open = @"[(\[{<]";
    private const string Close = @"[)\]}>]";
    private const string SpelledDot =
        "(?:" + Space + "?" + Open + Space + "?(?i:dot|punkt)" + Space + "?" + Close + Space + "?" +
        "|" + Space + "(?i:dot|punkt)" + Space + ")";
    private const string LocalPart = "(?<!" + LocalCharacter + ")" + LocalCharacter + "{1,64}";
    // Spelled out (kalle punkt anka), only with a spelled-out at, or "en punkt kalle@…" would go too.
    private const string SpelledLocalPart = LocalPart + "(?:" + SpelledDot + LocalCharacter + "{1,64}){1,3}";
    private const string SpelledAt =
        "(?:" + Space + "?" + Open + Space + "?(?:(?i:at|snabel-?a)|@)" + Space + "?" + Close + Space + "?" +
        "|" + Space + "(?i:snabel-?a)" + Space + ")";
    private const string At = "(?:" + Space + "?@" + Space + "?|" + SpelledAt + ")";
    private const string Dot = @"(?:\.|" + SpelledDot + ")";
    private const string DomainLabels = @"(?:[\p{L}\p{N}\-]{1,63}" + Dot + "){1,8}";
    // A bare " at " is an English word too ("visit us at kalix.se"): it counts only after a local
    // part no word has (kalle.anka, kalle_85) or before a webmail domain, and a top-level domain
    // people use.
    private const string BareAt = Space + "(?i:at)" + Space;
    private const string LocalPartWithMark =
        "(?<!" + LocalCharacter + ")(?=" + LocalCharacter + @"{0,63}[._%+\-\p{N}])" + LocalCharacter + "{1,64}";
    private const string Webmail =
        "(?i:gmail|googlemail|hotmail|outlook|live|msn|yahoo|icloud|me|telia|spray|bredband|bahnhof|comhem|tele2|proton|protonmail)";
    private const string CommonTopLevelDomain = "(?i:se|nu|com|net|org|fi|no|dk|eu|info|io|me)";
    private const string EmailAddressPattern =
        "(?:" + LocalPart + At + DomainLabels + @"\p{L}{2,24}" +
        "|" + SpelledLocalPart + SpelledAt + DomainLabels + @"\p{L}{2,24}" +
        "|" + LocalPartWithMark + BareAt + DomainLabels + CommonTopLevelDomain +
        "|(?:" + SpelledLocalPart + "|" + LocalPart + ")" + BareAt + Webmail + Dot + "(?:" + DomainLabels + ")?" + CommonTopLevelDomain +
        @")(?![\p{L}\p{N}\-])";

    // Words after a number that make it a count or a measure, not a house number or plate.
    private const string Unit =
        "(?i:km/h|km|m|meter|mil|minuter|sek|sekunder|h|tim|timmar|timme|dygn|dagar|dag|veckor|vecka" +
        "|månader|år|gånger|gång|ggr|st|stycken|personer|pers|ungdomar|elever|barn|vuxna|killar|tjejer|poliser" +
        @"|bilar|mopeder|hus|kr|kronor|euro|procent|%|grader)(?!\p{L})";
    private const string NotFollowedByUnit = "(?!" + Space + "?" + Unit + ")";

    // Swedish street addresses: a street name and a house number (entrance letter, flat, floor,
    // postcode and town optional). Suffixes that are also common nouns (-plan, -platsen, -gården …)
    // count only capitalised, as names; a few nouns that end like streets (motorvägen) never count.
    private const string DirectionPrefix =
        "(?i:norra|södra|östra|västra|gamla|nya|lilla|stora|sankt|s:t|övre|nedre|yttre|inre)" + Space;
    private const string CommonNoun =
        "(?:(?:motor|riks|läns|lands|europa|cykel|gång|bil|grus|halv|genomfarts|infarts|utfarts|hem)vägen|(?:gå|sido)gatan)";
    private const string StreetWithStreetSuffix =
        @"(?<!\p{L})(?!" + CommonNoun + @"(?!\p{L}))\p{L}{1,30}(?i:gatan|vägen|gränden|gränd|stigen|allén|alléen|slingan)(?!\p{L})";
    private const string StreetWithPlaceSuffix =
        @"(?<!\p{L})\p{Lu}\p{L}{1,30}(?:plan|platsen|torget|torg|gården|leden|backen|kajen|stråket|svängen|kroken)(?!\p{L})";
    // Olof Palmes gata, Drottning Kristinas väg: a name in the genitive and "väg"/"gata" apart.
    private const string StreetInTwoWords =
        @"(?:(?!(?:Vid|På|I|Till|Från|Mot|Längs|Utanför|Nära|Bakom|Framför|Runt|Mellan|Efter|Över|Under|Hos|Och|Men|Bor|Det|Jag|Vi|Han|Hon|De|Där|Här|Om|En|Ett|Den)\b)\p{Lu}\p{L}{1,30}" + Space + ")?" +
        @"\p{Lu}\p{L}{0,30}s" + Space + @"(?i:väg|gata|gränd|allé|torg|plan|backe|stig)(?!\p{L})";
    private const string HouseNumber =
        Space + @"?(?:(?i:nr)\.?" + Space + @"?)?\d{1,3}(?!\d)(?![.,:]\d)" + NotFollowedByUnit +
        "(?:" + Space + "?" + Dash + Space + @"?\d{1,3}(?!\d))?" +
        @"(?:[A-Za-z](?![\p{L}\d])|" + Space + @"[A-HJ-NP-Z](?![\p{L}\d])|" + Space + @"[a-h](?![\p{L}\d]))?";
    private const string FlatOrFloor =
        "(?:,?" + Space + @"?(?i:lgh|lägenhet)\.?" + Space + @"?(?:(?i:nr)\.?" + Space + @"?)?\d{4}(?!\d)" +
        "|,?" + Space + @"?\d{1,2}" + Space + @"?(?i:tr|trappor|trappa|vån|våning|våningen)\.?(?!\p{L}))";
    private const string PostcodeAndTown =
        "(?:,?" + Space + @"?(?:SE-?)?[1-9]\d{2}" + Space + @"?\d{2}(?!\d)(?:" + Space + @"\p{Lu}[\p{L}\-]{0,30})?)";
    private const string StreetAddressPattern =
        @"(?<![\p{L}\d])(?:" + DirectionPrefix + ")?(?:" + StreetWithStreetSuffix + "|" + StreetWithPlaceSuffix + "|" + StreetInTwoWords + ")" +
        HouseNumber + FlatOrFloor + "{0,2}" + PostcodeAndTown + "?";

    // Plates: ABC 123 or ABC 12A (I, Q, V, Å, Ä, Ö are never used). Written in capitals they count
    // anywhere; in lower case with a space only when the letters are not a common short word
    // ("det 500 kr", "har 200 medlemmar"). Car models and SOS keep their numbers.
    private const string PlateLetter = "[A-HJ-PR-UW-Za-hj-pr-uw-z]";
    private const string PlateCapital = "[A-HJ-PR-UW-Z]";
    private const string PlateLast = @"[\dA-HJ-PR-UW-Za-hj-pr-uw-z]";
    private const string ShortWord =
        "(?i:det|har|med|bor|och|den|att|som|kan|ett|tre|sex|ska|men|hur|nog|upp|ner|ute|sen|tog|kom|fem|sju" +
        "|mot|hos|han|hon|dem|dom|oss|nya|bra|fel|per|jag|man|mer|ens|all|ser|tar|dog|hem|typ|ggr|tel|tfn|mob|sms" +
        "|the|and|are|was|has|had|for|got|not|but|yes|you|one|two|few|new|out|now|our|own|see|saw|son|top" +
        "|klo|kpl|kun|jos|yht)";
    private const string RegistrationPlatePattern =
        @"(?<![\p{L}\d])(?!(?i:bmw|sos)(?!\p{L}))(?:" +
            PlateCapital + "{3}" + Space + @"\d{2}[\dA-HJ-PR-UW-Z]" +
            "|" + PlateLetter + "{3}" + Dash + @"?\d{2}" + PlateLast +
            "|(?!" + ShortWord + Space + ")" + PlateLetter + "{3}" + Space + @"\d{2}" + PlateLast +
        @")(?![\p{L}\d])" + NotFollowedByUnit;

    [GeneratedRegex(PersonalIdentityNumberPattern, Options, TimeoutMilliseconds)]
    private static partial Regex PersonalIdentityNumber();

    [GeneratedRegex(PhoneNumberPattern, Options, TimeoutMilliseconds)]
    private static partial Regex PhoneNumber();

    [GeneratedRegex("^(?:" + PhoneNumberPattern + ")$", Options, TimeoutMilliseconds)]
    private static partial Regex WholePhoneNumber();

    [GeneratedRegex(EmailAddressPattern, Options, TimeoutMilliseconds)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(StreetAddressPattern, Options, TimeoutMilliseconds)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(RegistrationPlatePattern, Options, TimeoutMilliseconds)]
    private static partial Regex RegistrationPlate();

    public static string? Scrub(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return text;
        try
        {
            // E-mail first (a local part may hold digits or a plate), then addresses (before their
            // numbers are read as anything else), personnummer before phone numbers (the check digit
            // decides between them), plates last.
            var scrubbed = EmailAddress().Replace(text, "[e-post]");
            scrubbed = StreetAddress().Replace(scrubbed, "[adress]");
            scrubbed = PersonalIdentityNumber().Replace(scrubbed, ReplacePersonalIdentityNumber);
            scrubbed = PhoneNumber().Replace(scrubbed, "[telefonnummer]");
            scrubbed = RegistrationPlate().Replace(scrubbed, "[registreringsnummer]");
            return scrubbed.Trim();
        }
        catch (RegexMatchTimeoutException)
        {
            // Storing text we could not finish scrubbing would break the promise made to residents.
            return Withheld;
        }
    }

    private static string ReplacePersonalIdentityNumber(Match match)
    {
        var digits = string.Concat(match.Groups["yy"].Value, match.Groups["mm"].Value, match.Groups["dd"].Value, match.Groups["number"].Value);
        if (PassesCheckDigit(digits)) return "[personnummer]";

        // A wrong check digit. Written with the century, or with the dash or plus of a personnummer,
        // it is still one (mistyped, it still points at a person) unless it has the shape of a phone
        // number, which the next step names. Without either (8112189875, 811218 9875) it is neither:
        // the phone step takes it if it has that shape, and otherwise it stays.
        if (match.Groups["century"].Success) return "[personnummer]";
        if (match.Groups["separator"].Value.Trim().Length == 0) return match.Value;
        return WholePhoneNumber().IsMatch(match.Value) ? match.Value : "[personnummer]";
    }

    // Luhn over YYMMDDNNNC: double every other digit from the first, add the digits, a multiple of 10.
    private static bool PassesCheckDigit(string tenDigits)
    {
        var sum = 0;
        for (var i = 0; i < tenDigits.Length; i++)
        {
            var digit = (int)char.GetNumericValue(tenDigits[i]) * (i % 2 == 0 ? 2 : 1);
            sum += digit > 9 ? digit - 9 : digit;
        }
        return sum % 10 == 0;
    }
}
