using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Survey.Domain.Responses;

// Removes personal data from free text before it is stored or sent anywhere: an answer that names
// a personnummer, a phone number, an e-mail address, a registration plate or a street address is
// personal data (and may be criminal-offence data), so it must not reach the broker or the store.
// Each is replaced by a placeholder naming its kind, so the analysts still see what was there.
// The patterns read a normalised copy of the text (see ReadingOfText): NFKC folds
// fullwidth and other compatibility forms into plain ones (８１１２１８－９８７６, kalle＠gmail.com),
// every decimal digit reads as 0–9 (Arabic-Indic ٠٧٠), and invisible format characters (soft
// hyphen, zero-width space and joiners, word joiner, byte order mark) are not read at all, so
// they cannot split a number or an address. What is stored is the text as the resident wrote it,
// with only the matched spans replaced: normalisation never reaches the stored text, so å, ä, ö
// (composed or not), emoji sequences, Arabic and Persian (with their ZWNJ), ligatures and
// fullwidth letters outside personal data come back character for character.
//
// What stays, on purpose: years, dates, times, counts, prices, percentages, 112, 114 14, 1177;
// a place without a house number ("vid torget", "på Storgatan på kvällarna": places are what the
// analysts work with and name nobody); a postcode on its own ("952 31" covers thousands of
// people; after a street and number it is part of the address and goes with it); road numbers
// ("väg 97", "riksväg 13", "E4"); ten digits that neither pass the personnummer check digit nor
// have the shape of a phone number, and ten digits with a dot, slash or underscore that fail it
// (811218.9875 is as likely an amount or a file name).
//
// Decided cases. A post-office box (Box 123) names a household or a firm as a street address
// does: it is an [adress], never a plate. A village address (Rolfs 45, Töre 123, as addresses in
// the north are written) is a place and a number, which is as often a count, a bus line or a
// municipality code ("Töre 123 svar", "Kalix 2514"): it goes only when something says it is an
// address (a postcode after it, or "bor i/på", "bosatt i/på", "adress(en)" before it) and
// otherwise stays. A street abbreviated (Storg. 12) goes only capitalised. "på" stands for @ only
// before a webmail domain, after a word about mail or with a local part no word has
// ("mejla kalle på gmail.com" goes, "titta på gmail.com" stays). Names of people are not
// recognised. The cases are in tests/Survey.UnitTests/Domain/Scrubbing.
//
// Every pattern is bounded (no nested unbounded repetition), so a scan is linear in the length of
// the text, and so is the reading (a cluster too long to be a letter is read unfolded); the match
// timeout is a second line of defence, and if it ever fires the whole text is withheld rather than
// stored unscrubbed.
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
    // written with '-', '+', a dash, a spaced dash, a space or nothing; or with a dot, slash or
    // underscore (weak: the check digit alone decides); or with the date in parts (81 12 18-9876,
    // 1981-12-18-9876), then always with '-' or '+' before the last four. Never a date range
    // (2019-12-18–2020-01-05).
    private const string Month = @"(?:0[1-9]|1[0-2])";
    private const string Day = @"(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])";
    private const string Century = @"(?<century>1[89]|20)";
    private const string StrongSeparator = Space + "?[+" + DashCharacters + "]" + Space + "?";
    private const string DatePartSeparator = "(?:" + Dash + "|" + Space + "|[./])";
    private const string PersonalIdentityNumberPattern =
        @"(?<!\d)(?:" +
            Century + @"?(?<yy>\d{2})(?<mm>" + Month + ")(?<dd>" + Day + ")(?:(?<separator>" + StrongSeparator + "|" + Space + ")|(?<weak>[./_]))?" +
        "|" +
            Century + @"?(?<yy>\d{2})" + DatePartSeparator + "(?<mm>" + Month + ")" + DatePartSeparator + "(?<dd>" + Day + ")(?<separator>[+" + DashCharacters + "])" +
        @")(?<number>\d{4})(?!\d|[" + DashCharacters + @"./]\d)";

    // Phone numbers. Between digit groups: a space, or a dash, slash or underscore with or without
    // spaces round it.
    private const string GroupSeparator = "(?:" + Space + "?(?:" + Dash + "|[/_])" + Space + "?|" + Space + ")";
    private const string NextDigit = "(?:" + GroupSeparator + @"?\d)";
    // After the trunk 0: mobile 07X + 7 digits; Stockholm 8 + 6 to 8; other areas 1–6, 9 (two or three
    // digits) + the rest, 8 to 10 digits in all. A two-digit area code is only ever 08, and no
    // number in it starts with 0 (the trunk prefix), so "07 08 09 10 11" is a list.
    private const string AfterTrunkZero =
        @"(?:7\d" + NextDigit + "{7}|8(?!" + GroupSeparator + "?0)" + NextDigit + "{6,8}|[1-69]\\d" + NextDigit + "{5,7})";
    private const string Parenthesised =
        @"\(0(?:7\d\)" + NextDigit + @"{7}|8\)" + NextDigit + @"{6,8}|[1-69]\d\)" + NextDigit + @"{5,7}|[1-69]\d\d\)" + NextDigit + "{4,6})";
    // 070.123.45.67: dots only when every separator is a dot, or 08.30-16.00 would be a number;
    // or one dot after the area code before three digits or more (070.123 45 67), which no time has.
    private const string Dotted =
        @"0(?:7\d(?:\.?\d){7}|8(?!\.?0)(?:\.?\d){6,8}|[1-69]\d(?:\.?\d){5,7}" +
        @"|(?:7\d\.(?=\d{3})\d" + NextDigit + @"{6}|8\.(?=[1-9]\d\d)\d" + NextDigit + @"{5,7}|[1-69]\d\d?\.(?=\d{3})\d" + NextDigit + "{4,6}))";
    // A date with the year (08.11.2026, 08/11 2026) or a time range (0930-1630) is not a number.
    private const string NotDateOrTimeRange =
        @"(?!0[1-9][./\-][0-3]?\d[./ \-](?:19|20)\d{2}(?!\d)" +
        @"|[0-2]\d[0-5]\d" + Space + "?" + Dash + Space + @"?[0-2]\d[0-5]\d(?!\d|" + GroupSeparator + @"\d))";
    private const string CountryPrefix = @"(?:\+" + Space + "?|00" + Space + "?)";
    private const string FromAbroadToSweden =
        CountryPrefix + "46(?:" + Space + @"?\(0\))?" + GroupSeparator + "?(?:0" + GroupSeparator + "?)?" + AfterTrunkZero;
    private const string FromAbroadElsewhere =
        CountryPrefix + @"(?!46)[1-9]\d{0,2}(?:" + Space + @"?\(0\))?" + NextDigit + "{6,12}";
    // A mobile number (070, 072, 073, 076, 079) without its trunk 0 only in its usual groups
    // (70 123 45 67; thousands are grouped in threes, 70 123 456), or with 46 and no '+' as one
    // whole number of 11 digits (46701234567).
    private const string Mobile = "7[02369]";
    private const string WithoutTrunkZero =
        "(?:46" + GroupSeparator + "?)?" + Mobile + GroupSeparator + @"\d{3}" + GroupSeparator + @"\d\d" + GroupSeparator + @"\d\d" +
        "|46" + Mobile + @"\d{7}";
    // Every digit of a mobile number apart: 0 7 0 1 2 3 4 5 6 7.
    private const string EveryDigitApart = "0" + GroupSeparator + "7" + GroupSeparator + "[02369](?:" + GroupSeparator + @"\d){7}";
    // A number ends in a group of two digits or more, so "08-123 45 67 3 gånger" keeps its count.
    private const string PhoneNumberPattern =
        @"(?<!\d)(?:(?:" + FromAbroadToSweden + "|" + FromAbroadElsewhere + "|" + Parenthesised + "|" +
        NotDateOrTimeRange + "(?:0" + AfterTrunkZero + "|" + Dotted + ")|" + WithoutTrunkZero + @")(?<=\d\d)|" + EveryDigitApart + @")(?!\d)";

    // E-mail, also as people write it to fool a spam robot: (at), [at], {at}, snabel-a, dot, punkt,
    // [.], a spaced dot or a comma for the last dot, "på" for at.
    private const string LocalCharacter = @"[\p{L}\p{N}._%+\-]";
    private const string Open = @"[(\[{<]";
    private const string Close = @"[)\]}>]";
    private const string SpelledDot =
        "(?:" + Space + "?" + Open + Space + @"?(?:(?i:dot|punkt)|\.)" + Space + "?" + Close + Space + "?" +
        "|" + Space + "(?i:dot|punkt)" + Space + ")";
    private const string LocalPart = "(?<!" + LocalCharacter + ")" + LocalCharacter + "{1,64}";
    // Spelled out (kalle punkt anka), only with a spelled-out at, or "en punkt kalle@…" would go too.
    private const string SpelledLocalPart = LocalPart + "(?:" + SpelledDot + LocalCharacter + "{1,64}){1,3}";
    private const string SpelledAt =
        "(?:" + Space + "?" + Open + Space + "?(?:(?i:at|snabel-?a)|@)" + Space + "?" + Close + Space + "?" +
        "|" + Space + "(?i:snabel-?a)" + Space + ")";
    private const string At = "(?:" + Space + "?@" + Space + "?|" + SpelledAt + ")";
    private const string Dot = @"(?:\.|" + SpelledDot + ")";
    private const string DomainLabel = @"[\p{L}\p{N}\-]{1,63}";
    private const string DomainLabels = "(?:" + DomainLabel + Dot + "){1,8}";
    // The last dot spaced (gmail . com, gmail .com) or a comma (gmail,com) only before a top-level
    // domain people use, in lower case, and never as the end of a sentence: "@ kontoret. Se till".
    private const string LooseLastDot = "(?:" + Space + @"\." + Space + "?|,)";
    private const string LowerCaseTopLevelDomain = "(?:se|nu|com|net|org|fi|no|dk|eu|info|io|me)";
    // A bare " at " is an English word too ("visit us at kalix.se"): it counts only after a local
    // part no word has (kalle.anka, kalle_85) or before a webmail domain, and a top-level domain
    // people use.
    private const string BareAt = Space + "(?i:at)" + Space;
    private const string LocalPartWithMark =
        "(?<!" + LocalCharacter + ")(?=" + LocalCharacter + @"{0,63}[._%+\-\p{N}])" + LocalCharacter + "{1,64}";
    private const string Webmail =
        "(?i:gmail|googlemail|hotmail|outlook|live|msn|yahoo|icloud|me|telia|spray|bredband|bahnhof|comhem|tele2|proton|protonmail)";
    private const string CommonTopLevelDomain = "(?i:se|nu|com|net|org|fi|no|dk|eu|info|io|me)";
    // "på" for at (mejla kalle på gmail.com) only before a webmail domain, and only after a word about
    // mail or with a local part no word has: "titta på gmail.com", "felanmälan på telia.se" stay.
    private const string MailWord =
        @"(?<![\p{L}\-])(?i:mejla|maila|mejl|mail|mejladress|mailadress|mejladressen|mailadressen|e-post|epost|e-postadress|e-postadressen|e-mail|email|kontakta|skriv till)";
    private const string SwedishAt = Space + "(?i:på)" + Space;
    private const string EmailAddressPattern =
        "(?:" + LocalPart + At + DomainLabels + @"\p{L}{2,24}" +
        "|" + SpelledLocalPart + SpelledAt + DomainLabels + @"\p{L}{2,24}" +
        "|" + LocalPartWithMark + BareAt + DomainLabels + CommonTopLevelDomain +
        "|(?:" + SpelledLocalPart + "|" + LocalPart + ")" + BareAt + Webmail + Dot + "(?:" + DomainLabels + ")?" + CommonTopLevelDomain +
        "|" + LocalPart + At + "(?:" + DomainLabels + ")?" + DomainLabel + LooseLastDot + LowerCaseTopLevelDomain +
        // A quoted local part ("anna svensson"@gmail.com), and a webmail address without its ending (anna@gmail).
        "|\"[^\"\\r\\n]{1,64}\"" + At + DomainLabels + @"\p{L}{2,24}" +
        "|" + LocalPart + "(?:@|" + SpelledAt + ")" + Webmail + @"(?![\p{L}\p{N}\-]|\.[\p{L}\p{N}])" +
        "|" + LocalPartWithMark + BareAt + Webmail + @"(?![\p{L}\p{N}\-]|\.[\p{L}\p{N}])" +
        "|(?:(?<=" + MailWord + ":?" + Space + ")" + LocalPart + "|" + LocalPartWithMark + ")" + SwedishAt + Webmail + Dot + "(?:" + DomainLabels + ")?" + CommonTopLevelDomain +
        @")(?![\p{L}\p{N}\-])";

    // Words after a number that make it a count or a measure, not a house number or plate.
    private const string Unit =
        "(?i:km/h|km|m|meter|mil|minuter|sek|sekunder|h|tim|timmar|timme|dygn|dagar|dag|veckor|vecka" +
        "|månader|år|nätter|natt|gånger|gång|ggr|st|stycken|personer|pers|ungdomar|elever|barn|vuxna|killar|tjejer|poliser" +
        @"|invånare|familjer|hushåll|svar|bilar|mopeder|hus|kr|kronor|euro|procent|%|grader)(?!\p{L})";
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
    // Abbreviated (Storg. 12, Kungsg. 5 B, Skolv. 3): capitalised only, and not a word that ends a
    // sentence and happens to end in g or v ("Idag. 12 av dem", "Sjöberg. 3 gånger").
    private const string AbbreviatedStreet =
        @"(?<!\p{L})(?!\p{L}*(?i:dag|ig|berg|borg|helg|krig|steg|slag|drog|tog|låg|såg|jag|nog|mig|dig|sig|väg|tåg|ung|eng" +
        @"|blev|brev|grav|stav|själv|skriv|gav|sov|lov|liv)\.)\p{Lu}\p{L}{1,30}[gv]\.";
    private const string HouseNumber =
        Space + @"?(?:(?i:nr)\.?" + Space + @"?)?\d{1,3}(?!\d)(?![.,:]\d)" + NotFollowedByUnit +
        "(?:" + Space + "?" + Dash + Space + @"?\d{1,3}(?!\d))?" +
        @"(?:[A-Za-z](?![\p{L}\d])|" + Space + @"[A-HJ-NP-Z](?![\p{L}\d])|" + Space + @"[a-h](?![\p{L}\d]))?";
    private const string FlatOrFloor =
        "(?:,?" + Space + @"?(?i:lgh|lägenhet)\.?" + Space + @"?(?:(?i:nr)\.?" + Space + @"?)?\d{4}(?!\d)" +
        "|,?" + Space + @"?\d{1,2}" + Space + @"?(?i:tr|trappor|trappa|vån|våning|våningen)\.?(?!\p{L}))";
    // A postcode is not followed by more digits: "Rolfs 70 123 45 67" ends in a phone number.
    private const string PostcodeAndTown =
        "(?:,?" + Space + @"?(?!114" + Space + @"?14(?!\d))(?:SE-?)?[1-9]\d{2}" + Space + @"?\d{2}(?!\d|" + GroupSeparator + @"\d)(?:" + Space + @"\p{Lu}[\p{L}\-]{0,30})?)";
    private const string StreetAddressPattern =
        @"(?<![\p{L}\d])(?:" + DirectionPrefix + ")?(?:" + StreetWithStreetSuffix + "|" + StreetWithPlaceSuffix + "|" + StreetInTwoWords + "|" + AbbreviatedStreet + ")" +
        HouseNumber + FlatOrFloor + "{0,2}" + PostcodeAndTown + "?";
    // A post-office box names a household or a firm as a street address does (Box 123, 952 21 Kalix),
    // so it is an address, never a plate. In lower case only with three digits or more: "en box 12 ägg".
    private const string PostOfficeBoxPattern =
        @"(?<![\p{L}\d])(?:(?:Box|BOX)" + Space + @"?\d{1,5}|box" + Space + @"?\d{3,5})(?!\d)(?![.,:]\d)" + NotFollowedByUnit + PostcodeAndTown + "?";
    // Villages in the north are addressed by the village and a number (Rolfs 45, Töre 123). A place
    // and a number on their own are as often a count, a bus line or a municipality code ("Töre 123
    // svar", "Kalix 2514"), so it is an address only when something says so: a postcode after it, or
    // "bor i/på", "bosatt i/på", "adress(en) (är)" before it.
    private const string Village =
        @"\p{Lu}\p{L}{1,30}" + Space + @"\d{1,3}(?!\d)(?![.,:]\d)" + NotFollowedByUnit + "(?:" + Space + @"?[A-Ha-h](?![\p{L}\d]))?";
    private const string SaysAddress =
        @"(?<![\p{L}\-])(?:(?i:bor|bosatt|boende)" + Space + "(?i:i|på)|(?i:adress|adressen)(?:" + Space + "(?i:är))?:?)" + Space;
    private const string VillageAddressPattern =
        @"(?<![\p{L}\d])(?:(?<=" + SaysAddress + ")" + Village + PostcodeAndTown + "?|" + Village + PostcodeAndTown + ")";
    private const string AddressPattern = StreetAddressPattern + "|" + PostOfficeBoxPattern + "|" + VillageAddressPattern;

    // Plates: ABC 123 or ABC 12A (I, Q, V, Å, Ä, Ö are never used). Written in capitals they count
    // anywhere, also with a dot (ABC.123) or every character apart (A B C 1 2 3); in lower case with
    // a space only when the letters are not a common short word ("det 500 kr", "har 200
    // medlemmar"). Car models and SOS keep their numbers; a post-office box is an address.
    private const string PlateLetter = "[A-HJ-PR-UW-Za-hj-pr-uw-z]";
    private const string PlateCapital = "[A-HJ-PR-UW-Z]";
    private const string PlateLast = @"[\dA-HJ-PR-UW-Za-hj-pr-uw-z]";
    private const string ShortWord =
        "(?i:det|har|med|bor|och|den|att|som|kan|ett|tre|sex|ska|men|hur|nog|upp|ner|ute|sen|tog|kom|fem|sju" +
        "|mot|hos|han|hon|dem|dom|oss|nya|bra|fel|per|jag|man|mer|ens|all|ser|tar|dog|hem|typ|ggr|tel|tfn|mob|sms" +
        "|the|and|are|was|has|had|for|got|not|but|yes|you|one|two|few|new|out|now|our|own|see|saw|son|top" +
        "|klo|kpl|kun|jos|yht)";
    private const string RegistrationPlatePattern =
        @"(?<![\p{L}\d])(?!(?i:bmw|sos|box)(?!\p{L}))(?:" +
            PlateCapital + "{3}(?:" + Space + @"|\.)\d{2}[\dA-HJ-PR-UW-Z]" +
            "|" + PlateCapital + Space + PlateCapital + Space + PlateCapital + Space + @"\d" + Space + @"\d" + Space + @"[\dA-HJ-PR-UW-Z]" +
            "|" + PlateLetter + "{3}" + Dash + @"?\d{2}" + PlateLast +
            "|(?!" + ShortWord + Space + ")" + PlateLetter + "{3}" + Space + @"\d{2}" + PlateLast +
        @")(?![\p{L}\d])" + NotFollowedByUnit;

    // The second line for numbers: digits in groups split by anything but letters (a line break, a tab, a comma, a colon,
    // a bar, spaces, dashes, dots, brackets …), one to four characters at a time, as a resident writes a number to get it
    // past a filter (811218⏎9876, 81 12 18 98 76, 8112-18-9876, 811218:9876, 070,123,45,67). ReplaceDigitChain reads the
    // digits of each run of neighbouring groups and takes the whole chain when a run is a personnummer whose check digit
    // passes or a mobile number written from its 07X. Digits and separators are disjoint, so the scan is linear however
    // long the chain.
    private const string DigitChainPattern = @"(?<!\p{N})\d+(?:[^\p{L}\p{N}]{1,4}\d+)+(?!\p{N})";

    [GeneratedRegex(DigitChainPattern, Options, TimeoutMilliseconds)]
    private static partial Regex DigitChain();

    [GeneratedRegex(PersonalIdentityNumberPattern, Options, TimeoutMilliseconds)]
    private static partial Regex PersonalIdentityNumber();

    [GeneratedRegex(PhoneNumberPattern, Options, TimeoutMilliseconds)]
    private static partial Regex PhoneNumber();

    [GeneratedRegex("^(?:" + PhoneNumberPattern + ")$", Options, TimeoutMilliseconds)]
    private static partial Regex WholePhoneNumber();

    [GeneratedRegex(EmailAddressPattern, Options, TimeoutMilliseconds)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(AddressPattern, Options, TimeoutMilliseconds)]
    private static partial Regex Address();

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
            var scrubbed = new ReadingOfText(text);
            scrubbed.Replace(EmailAddress(), _ => "[e-post]");
            scrubbed.Replace(Address(), _ => "[adress]");
            scrubbed.Replace(PersonalIdentityNumber(), ReplacePersonalIdentityNumber);
            scrubbed.Replace(PhoneNumber(), _ => "[telefonnummer]");
            scrubbed.Replace(DigitChain(), ReplaceDigitChain);
            scrubbed.Replace(RegistrationPlate(), _ => "[registreringsnummer]");
            return scrubbed.Text.Trim();
        }
        catch (RegexMatchTimeoutException)
        {
            // Storing text we could not finish scrubbing would break the promise made to residents.
            return Withheld;
        }
    }

    // Whether a text written by staff (a pledge, published as written) holds a personnummer as people write one: the
    // personnummer pattern alone, read as Scrub reads it, whatever placeholders the text already has. Not the digit
    // chains, which are for text written to get past a filter and would refuse a list of clock times now and then.
    public static bool HoldsPersonalIdentityNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            var reading = new ReadingOfText(text);
            var found = false;
            reading.Replace(PersonalIdentityNumber(), m =>
            {
                var placeholder = ReplacePersonalIdentityNumber(m);
                found |= placeholder is not null;
                return placeholder;
            });
            return found;
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    // Null keeps the match as written.
    private static string? ReplacePersonalIdentityNumber(Match match)
    {
        var digits = string.Concat(match.Groups["yy"].Value, match.Groups["mm"].Value, match.Groups["dd"].Value, match.Groups["number"].Value);
        if (PassesCheckDigit(digits)) return "[personnummer]";

        // A wrong check digit. With a dot, slash or underscore (811218.9875) it is as likely an
        // amount, a reference or a file name: it stays unless the phone step takes it. Written with
        // the century, or with the dash or plus of a personnummer, it is still one (mistyped, it
        // still points at a person) unless it has the shape of a phone number, which the next step
        // names. Without either (8112189875, 811218 9875) it is neither: the phone step takes it if
        // it has that shape, and otherwise it stays.
        if (match.Groups["weak"].Success) return null;
        if (match.Groups["century"].Success) return "[personnummer]";
        if (match.Groups["separator"].Value.Trim().Length == 0) return null;
        return WholePhoneNumber().IsMatch(match.Value) ? null : "[personnummer]";
    }

    // A chain of digit groups (DigitChain) goes whole when some run of neighbouring groups in it reads as a personnummer
    // (10 digits, or 12 with the century 18, 19 or 20: a real date, day + 60 for a samordningsnummer, and the check digit)
    // or as a mobile number (10 digits, the first group starting 070, 072, 073, 076 or 079; "07 08 09 10 11" is a list).
    // What is not a personnummer however its digits add up: a run that starts with a date written day first (22.11.2026,
    // 22/11/26); a date written year first followed by a time (2026-11-22 1538, 2026-11-22 15.38), as the text that must
    // stay has them (1981-12-18 9876 has no time in it and goes). And no mobile number starts with opening hours
    // (0700-1200). The rest, lists of clock times included (07.10, 10.20, 15.05), go when their digits pass the check
    // digit: a bus time lost now and then is the price of no personnummer kept.
    private static string? ReplaceDigitChain(Match match)
    {
        // The reading has every digit as 0–9 already. Each group, and the separator before it.
        var value = match.Value;
        var groups = new List<(string Digits, string Before)>(12);
        for (int i = 0, separatorStart = 0; i < value.Length;)
        {
            var start = i;
            while (i < value.Length && char.IsAsciiDigit(value[i])) i++;
            if (i == start) { i++; continue; }
            groups.Add((value[start..i], value[separatorStart..start]));
            separatorStart = i;
        }
        for (var first = 0; first < groups.Count; first++)
        {
            if (DateFirst(groups, first, dayFirst: true) || DateFirst(groups, first, dayFirst: false) && TimeAt(groups, first + 3)) continue;
            var digits = "";
            for (var last = first; last < groups.Count && digits.Length < 12; last++)
            {
                digits += groups[last].Digits;
                if (last == first) continue;
                if (digits.Length == 12 && digits[..2] is "18" or "19" or "20" && IsPersonalIdentityNumber(digits[2..])) return "[personnummer]";
                if (digits.Length != 10) continue;
                if (IsPersonalIdentityNumber(digits)) return "[personnummer]";
                if (groups[first].Digits.Length >= 3 && digits[0] == '0' && digits[1] == '7' && "02369".Contains(digits[2])
                    && !(IsClockTime(groups[first].Digits) && first + 1 < groups.Count && IsClockTime(groups[first + 1].Digits)))
                    return "[telefonnummer]";
            }
        }
        return null;
    }

    // A date written in three groups with the same dash, dot or slash between them: year first (2026-11-22, 26.11.22)
    // or day first (22.11.2026, 2/11/26).
    private static bool DateFirst(List<(string Digits, string Before)> groups, int first, bool dayFirst)
    {
        if (first + 2 >= groups.Count) return false;
        var (a, b, c) = (groups[first].Digits, groups[first + 1].Digits, groups[first + 2].Digits);
        var shape = dayFirst
            ? a.Length is 1 or 2 && b.Length is 1 or 2 && c.Length is 2 or 4
            : a.Length is 2 or 4 && b.Length == 2 && c.Length == 2;
        return shape
            && groups[first + 1].Before.Trim() is { Length: 1 } separator && "-./\u2010\u2011\u2012\u2013\u2212".Contains(separator[0])
            && groups[first + 2].Before.Trim() == separator;
    }

    // A time of day at this group: 1538, or 15 and 38 (15.38, 15:38).
    private static bool TimeAt(List<(string Digits, string Before)> groups, int at) =>
        at < groups.Count && (IsClockTime(groups[at].Digits)
            || groups[at].Digits.Length is 1 or 2 && int.Parse(groups[at].Digits, CultureInfo.InvariantCulture) <= 23
               && at + 1 < groups.Count && groups[at + 1].Digits.Length == 2 && int.Parse(groups[at + 1].Digits, CultureInfo.InvariantCulture) <= 59);

    private static bool IsClockTime(string fourDigits) =>
        fourDigits.Length == 4 && int.Parse(fourDigits.AsSpan(0, 2), CultureInfo.InvariantCulture) <= 23
        && int.Parse(fourDigits.AsSpan(2, 2), CultureInfo.InvariantCulture) <= 59;

    private static bool IsPersonalIdentityNumber(string tenDigits)
    {
        var month = int.Parse(tenDigits.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(tenDigits.AsSpan(4, 2), CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day is (>= 1 and <= 31) or (>= 61 and <= 91) && PassesCheckDigit(tenDigits);
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

    // The text as it will be stored, beside the normalised reading the patterns match on. Each
    // character of the reading knows which characters of the text it came from, so a match replaces
    // exactly what the resident wrote there and everything else is kept as written.
    // The reading takes the text one grapheme cluster at a time (a letter with its accents, an emoji
    // sequence): format characters (soft hyphen, zero-width space and joiners, word joiner, byte
    // order mark, direction marks) are left out, since they are invisible and only split what a
    // pattern must see whole; the rest is folded by NFKC (fullwidth ８ to 8, ＠ to @, ﹣ to -,
    // superscripts and ligatures to their plain letters, unless a ligature unfolds into a whole
    // phrase); every decimal digit is read as 0–9 (Arabic-Indic ٠٧٠ is 070); and a letter or digit of the basic Latin
    // alphabet loses its combining marks (the keycap of 0️⃣, a combining underline). A lone surrogate
    // is read as U+FFFD. The text itself is never normalised.
    private sealed class ReadingOfText
    {
        private const int MaximumClusterToFold = 32;

        // For each character of the reading: where the cluster it came from starts and ends in Text.
        private int[] from;
        private int[] to;
        private string reading;

        public ReadingOfText(string text)
        {
            Text = text;
            var builder = new StringBuilder(text.Length);
            var starts = new List<int>(text.Length);
            var ends = new List<int>(text.Length);
            for (var i = 0; i < text.Length;)
            {
                // An @ written as a URL or an HTML escape (anna%40gmail.com, anna&#64;gmail.com) is read as an @.
                if (text[i] is '%' or '&' && EscapedAt(text.AsSpan(i)) is > 0 and var escaped)
                {
                    builder.Append('@');
                    starts.Add(i);
                    ends.Add(i + escaped);
                    i += escaped;
                    continue;
                }
                // ASCII followed by ASCII is a cluster of its own and already normal: most text takes
                // this path.
                var length = text[i] < 0x80 && (i + 1 == text.Length || text[i + 1] < 0x80)
                    ? 1
                    : StringInfo.GetNextTextElementLength(text.AsSpan(i));
                var cluster = length == 1 && text[i] < 0x80 ? text.AsSpan(i, 1) : Normalise(text.AsSpan(i, length));
                builder.Append(cluster);
                for (var k = 0; k < cluster.Length; k++)
                {
                    starts.Add(i);
                    ends.Add(i + length);
                }
                i += length;
            }
            reading = builder.ToString();
            from = [.. starts];
            to = [.. ends];
        }

        public string Text { get; private set; }

        // Replaces every match (of the reading) whose replacement is not null; a match that begins or
        // ends inside a cluster takes the whole cluster.
        public void Replace(Regex pattern, Func<Match, string?> replacement)
        {
            var text = new StringBuilder(Text.Length);
            var newReading = new StringBuilder(reading.Length);
            var newFrom = new List<int>(from.Length);
            var newTo = new List<int>(to.Length);
            int readingDone = 0, textDone = 0;
            for (var match = pattern.Match(reading); match.Success; match = match.NextMatch())
            {
                if (match.Length == 0 || replacement(match) is not { } placeholder) continue;
                var start = match.Index;
                var end = match.Index + match.Length;
                while (start > readingDone && from[start - 1] == from[start]) start--;
                while (end < reading.Length && from[end] == from[end - 1]) end++;
                start = Math.Max(start, readingDone);
                if (start >= end) continue;

                Keep(readingDone, start, textDone, from[start]);
                var at = text.Length;
                text.Append(placeholder);
                newReading.Append(placeholder);
                for (var k = 0; k < placeholder.Length; k++)
                {
                    newFrom.Add(at);
                    newTo.Add(at + placeholder.Length);
                }
                readingDone = end;
                textDone = to[end - 1];
            }
            if (readingDone == 0 && textDone == 0 && text.Length == 0) return;
            Keep(readingDone, reading.Length, textDone, Text.Length);

            Text = text.ToString();
            reading = newReading.ToString();
            from = [.. newFrom];
            to = [.. newTo];

            void Keep(int readingStart, int readingEnd, int textStart, int textEnd)
            {
                var shift = text.Length - textStart;
                text.Append(Text, textStart, textEnd - textStart);
                newReading.Append(reading, readingStart, readingEnd - readingStart);
                for (var k = readingStart; k < readingEnd; k++)
                {
                    newFrom.Add(from[k] + shift);
                    newTo.Add(to[k] + shift);
                }
            }
        }

        // %40 (and %2540, escaped twice), &commat; and the numeric references &#64; &#064; &#x40; &#x0040;, with or
        // without their semicolon: the length of the escape at the start of the text, or 0.
        private static int EscapedAt(ReadOnlySpan<char> text)
        {
            if (text.StartsWith("%40", StringComparison.Ordinal)) return 3;
            if (text.StartsWith("%2540", StringComparison.Ordinal)) return 5;
            var length = 0;
            if (text.StartsWith("&commat", StringComparison.OrdinalIgnoreCase)) length = 7;
            else if (text.StartsWith("&#", StringComparison.Ordinal))
            {
                var hex = text.Length > 2 && text[2] is 'x' or 'X';
                var digits = hex ? 3 : 2;
                var end = digits;
                while (end < text.Length && end - digits < 8 && (hex ? char.IsAsciiHexDigit(text[end]) : char.IsAsciiDigit(text[end]))) end++;
                if (end == digits || !int.TryParse(text[digits..end], hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None,
                        CultureInfo.InvariantCulture, out var code) || code != '@')
                    return 0;
                length = end;
            }
            else return 0;
            return length < text.Length && text[length] == ';' ? length + 1 : length;
        }

        private static string Normalise(ReadOnlySpan<char> cluster)
        {
            var visible = new StringBuilder(cluster.Length);
            foreach (var rune in cluster.EnumerateRunes())
            {
                if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format) visible.Append(rune.ToString());
            }
            // Reordering a cluster's marks costs the square of their number, and no letter or emoji a
            // person writes has more than a few dozen: a longer cluster (a hostile pile of marks) is
            // read unfolded.
            var folded = visible.Length <= MaximumClusterToFold ? visible.ToString().Normalize(NormalizationForm.FormKC) : visible.ToString();
            // A ligature that unfolds into a phrase (U+FDFA is 18 letters) helps no pattern and would
            // multiply the work on a hostile text: it is read as it is.
            if (folded.Length > 4 * Math.Max(visible.Length, 1)) return visible.ToString();
            if (folded.Length == 0) return folded;

            var read = new StringBuilder(folded.Length);
            var first = char.IsDigit(folded[0]) ? (char)('0' + (int)char.GetNumericValue(folded[0])) : folded[0];
            var bare = char.IsAsciiLetterOrDigit(first);
            read.Append(first);
            foreach (var character in folded.AsSpan(1))
            {
                if (bare && char.GetUnicodeCategory(character) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) continue;
                read.Append(char.IsDigit(character) ? (char)('0' + (int)char.GetNumericValue(character)) : character);
            }
            return read.ToString();
        }
    }
}
