using System.Globalization;
using System.Text;
using Survey.Domain.Responses;

namespace Survey.UnitTests.Domain.Responses;

public class FreeTextScrubberTests
{
    // The cases are data (Domain/Responses/Scrubbing/*.tsv) so that a reviewer can add an attack as one line;
    // each line is its own test case, named by file and line number.
    public static TheoryData<string, string, string> MustGo => ScrubbingCases.Read("must-go.tsv", expectsOutput: true);

    public static TheoryData<string, string, string> MustStay => ScrubbingCases.Read("must-stay.tsv", expectsOutput: false);

    [Theory]
    [MemberData(nameof(MustGo))]
    public void Personal_data_is_replaced_by_a_placeholder_naming_its_kind(string line, string text, string expected)
    {
        FreeTextScrubber.Scrub(text).Should().Be(expected, "that is what {0} expects", line);
    }

    [Theory]
    [MemberData(nameof(MustStay))]
    public void Ordinary_text_is_stored_exactly_as_written(string line, string text, string expected)
    {
        FreeTextScrubber.Scrub(text).Should().Be(expected, "{0} holds nothing personal", line);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_or_blank_text_is_returned_as_it_came(string? text)
    {
        FreeTextScrubber.Scrub(text).Should().Be(text);
    }

    // Hostile inputs far above the 2,000 characters Intake accepts: each must come back scrubbed
    // (not dropped by the fail-safe), which it only can if no pattern backtracks without bound.
    [Fact]
    public void A_hundred_thousand_digits_and_spaces_end_in_a_scrubbed_phone_number()
    {
        var noise = string.Concat(Enumerable.Repeat("1 2 3 4 5 6 7 8 9 ", 5_600));

        FreeTextScrubber.Scrub(noise + "070-123 45 67").Should().Be(noise + "[telefonnummer]");
    }

    [Theory]
    [InlineData("07")]
    [InlineData("0 ")]
    [InlineData("0-")]
    [InlineData("+4")]
    [InlineData("a@")]
    [InlineData("a.")]
    [InlineData("1-")]
    [InlineData("Storgatan ")]
    [InlineData("kalle (at) ")]
    [InlineData("Storg. ")]
    [InlineData("bor i Töre ")]
    [InlineData("Box ")]
    [InlineData("kalle på ")]
    [InlineData("a @ b . ")]
    [InlineData("A ")]
    [InlineData("7 ")]
    [InlineData("46")]
    [InlineData("08.")]
    [InlineData("81-12-")]
    [InlineData("\uFF10 ")]
    [InlineData("0\u200B")]
    // Nothing but invisible characters: every cluster reads as nothing.
    [InlineData("\u200B")]
    [InlineData("\u00AD\u2060")]
    // One cluster of marks far longer than any letter, and a ligature NFKC unfolds into 18 letters.
    [InlineData("\u0301\u0316")]
    [InlineData("\uFDFA")]
    // Ten times the longest text a resident can send: a pattern that backtracked would take seconds here, a linear one milliseconds.
    public void Twenty_thousand_characters_of_a_repeated_fragment_come_back_unchanged(string fragment)
    {
        var hostile = string.Concat(Enumerable.Repeat(fragment, 20_000 / fragment.Length)).Trim();

        FreeTextScrubber.Scrub(hostile).Should().Be(hostile);
    }

    [Fact]
    public void Thousands_of_addresses_in_one_text_are_each_replaced()
    {
        var text = string.Join(" ", Enumerable.Repeat("Storgatan 1", 9_000));

        FreeTextScrubber.Scrub(text).Should().Be(string.Join(" ", Enumerable.Repeat("[adress]", 9_000)));
    }

    private static class ScrubbingCases
    {
        public static TheoryData<string, string, string> Read(string file, bool expectsOutput)
        {
            var data = new TheoryData<string, string, string>();
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Domain", "Responses", "Scrubbing", file), Encoding.UTF8);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var where = $"{file}:{i + 1}";
                var columns = line.Split('\t');
                if (columns.Length != (expectsOutput ? 2 : 1))
                    throw new InvalidDataException($"{where} needs {(expectsOutput ? "the text, a TAB and the expected text" : "the text alone")}");
                var text = Unescape(columns[0]);
                data.Add(where, text, expectsOutput ? Unescape(columns[1]) : text);
            }
            return data;
        }

        // \uXXXX lets a case hold an invisible character (a no-break space) visibly.
        private static string Unescape(string value)
        {
            var result = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '\\' && i + 5 < value.Length && value[i + 1] == 'u'
                    && int.TryParse(value.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                {
                    result.Append((char)code);
                    i += 5;
                }
                else
                {
                    result.Append(value[i]);
                }
            }
            return result.ToString();
        }
    }
}

// Numbers written to get past a filter (found by an outside review, 2026-12-07): split across a line break or a tab,
// grouped oddly, or with commas. Each must go; the honest numbers beside them stay.
public class FreeTextScrubberChainTests
{
    [Theory]
    [InlineData("Han heter 811218\n9876 och bor här", "Han heter [personnummer] och bor här")]
    [InlineData("pnr 811218\t9876", "pnr [personnummer]")]
    [InlineData("81 12 18 98 76 är hans", "[personnummer] är hans")]
    [InlineData("811218-98 76", "[personnummer]")]
    [InlineData("8112-18-9876", "[personnummer]")]
    [InlineData("8 1 1 2 1 8 9 8 7 6", "[personnummer]")]
    [InlineData("19811218\r\n9876", "[personnummer]")]
    [InlineData("ring 070\t123\t45\t67", "ring [telefonnummer]")]
    [InlineData("ring 070,123,45,67", "ring [telefonnummer]")]
    [InlineData("ring 070\n1234567", "ring [telefonnummer]")]
    [InlineData("mejla anna%40gmail.com", "mejla [e-post]")]
    [InlineData("mejla anna&#64;gmail.com nu", "mejla [e-post] nu")]
    [InlineData("mejla anna&commat;gmail.com", "mejla [e-post]")]
    [InlineData("mejla \"anna svensson\"@gmail.com", "mejla [e-post]")]
    [InlineData("skriv till anna@gmail.", "skriv till [e-post].")]
    [InlineData("skriv till anna@hotmail om du vet", "skriv till [e-post] om du vet")]
    // A second review: other separators, a letter just before, a long filler, a date with no time after it, more escapes.
    [InlineData("Mitt nr 811218:9876", "Mitt nr [personnummer]")]
    [InlineData("Pnr 811218|9876", "Pnr [personnummer]")]
    [InlineData("a 811218;9876 b 811218*9876 c 811218~9876", "a [personnummer] b [personnummer] c [personnummer]")]
    [InlineData("nr 811218·9876", "nr [personnummer]")]
    [InlineData("nr 811218    9876", "nr [personnummer]")]
    [InlineData("Ring 070:123:45:67", "Ring [telefonnummer]")]
    [InlineData("Ring mig, pnr811218\n9876", "Ring mig, pnr[personnummer]")]
    [InlineData("Kod 0 0 0 0 0 0 0 0 81 12 18 98 76", "Kod [personnummer]")]
    [InlineData("Född 1981-12-18 9876 heter jag", "Född [personnummer] heter jag")]
    [InlineData("mejla anna&#064;gmail.com", "mejla [e-post]")]
    [InlineData("mejla anna&#x0040;gmail.com", "mejla [e-post]")]
    [InlineData("mejla anna&#64gmail.com", "mejla [e-post]")]
    [InlineData("mejla anna%2540gmail.com", "mejla [e-post]")]
    [InlineData("Mejla anna(at)gmail", "Mejla [e-post]")]
    [InlineData("mejla anna [at] gmail nu", "mejla [e-post] nu")]
    [InlineData("anna.svensson at gmail", "[e-post]")]
    public void A_number_split_to_pass_a_filter_is_removed(string text, string stored) =>
        FreeTextScrubber.Scrub(text).Should().Be(stored);

    [Theory]
    [InlineData("Inbrott 2024-05-06, 2024-06-08 och 2024-07-09")]
    [InlineData("07 08 09 10 11")]
    [InlineData("Mellan kl 22.00 och 02.00, 3-4 gånger i veckan")]
    [InlineData("Bussarna 12, 13, 14 och 112\n1177")]
    [InlineData("811218\n9875")]
    [InlineData("Rabatt 20%40 kr, 100%")]
    [InlineData("Möte @kontoret & #64 i ordningen")]
    [InlineData("Mötet är 22/11/2026 15:38 i aulan")]
    [InlineData("Mötet 22.11.2026 15.38")]
    [InlineData("Den 22.11.2026, 15 personer kom")]
    [InlineData("Möte 2026-11-22 15.38 och 2026-11-23 1538")]
    [InlineData("Öppet 0700-1200, 13-16")]
    [InlineData("Kl 0730-1630, 10-14 lör")]
    [InlineData("Konsert @ Tele2 Arena var bra")]
    [InlineData("Vi sågs @ Live på torget")]
    [InlineData("Ring 112, 114 14 eller 1177")]
    public void Honest_numbers_in_groups_stay(string text) => FreeTextScrubber.Scrub(text).Should().Be(text);
}
