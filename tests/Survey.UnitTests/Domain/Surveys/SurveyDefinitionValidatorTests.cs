using Survey.Domain.Surveys;

namespace Survey.UnitTests.Domain.Surveys;

public class SurveyDefinitionValidatorTests
{
    private static IDictionary<string, string[]> Errors(SurveyDefinition d) => SurveyDefinitionValidator.Validate(d).ToDictionary();

    [Fact]
    public void A_sound_survey_is_valid()
    {
        Errors(TestSurveys.Open("kalix-2027")).Should().BeEmpty();
    }

    [Theory]
    [InlineData("9999")]
    [InlineData("2599")]
    [InlineData("kalix")]
    public void Municipality_must_be_one_of_the_290(string code)
    {
        Errors(TestSurveys.Open("s") with { MunicipalityCode = code }).Should().ContainKey("municipalityCode");
    }

    [Theory]
    [InlineData("Kalix 2027")]
    [InlineData("-kalix")]
    [InlineData("x")]
    [InlineData("kalix-2027\n")] // "$" would match before the final line break
    public void Slug_must_be_url_safe(string slug)
    {
        Errors(TestSurveys.Open(slug)).Should().ContainKey("slug");
    }

    [Fact]
    public void Periods_and_windows_must_run_forwards()
    {
        var s = TestSurveys.Open("kalix") with
        {
            PledgePeriodEnd = new DateOnly(2026, 1, 1),
            ClosesAt = DateTimeOffset.UtcNow.AddDays(-5),
        };
        Errors(s).Keys.Should().Contain(["pledgePeriodEnd", "closesAt"]);
    }

    [Fact]
    public void Concerns_must_come_from_the_taxonomy_and_appear_once()
    {
        var errors = Errors(TestSurveys.Open("kalix", ["narkotika", "mopeder", "narkotika"]));
        errors.Should().ContainKey("concerns[1]");
        errors.Should().ContainKey("concerns").WhoseValue.Should().Contain(m => m.Contains("narkotika"));
    }

    [Fact]
    public void Swedish_is_always_offered()
    {
        Errors(TestSurveys.Open("kalix") with { Languages = ["fi"] }).Should().ContainKey("languages");
        Errors(TestSurveys.Open("kalix") with { Languages = ["sv", "xx"] }).Should().ContainKey("languages[1]");
    }

    [Fact]
    public void Areas_need_codes_and_labels_without_repeats()
    {
        var errors = Errors(TestSurveys.Open("kalix") with { Areas = [new("Centrum!", ""), new("tore", "Töre"), new("tore", "Töre")] });
        errors.Keys.Should().Contain(["areas[0].code", "areas[0].label", "areas"]);
    }

    [Theory]
    [InlineData("16|24")]
    [InlineData("*")]
    [InlineData("16 24")]
    [InlineData("16–24")]
    [InlineData("kvinna;")]
    [InlineData("a,b")]
    [InlineData("man\u200B")]
    [InlineData("ålder/65")]
    [InlineData("")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    public void Age_group_and_gender_codes_outside_the_safe_alphabet_are_named(string code)
    {
        // "|" separates age group from gender in the age × gender tallies, "*" is every gender in the weighting:
        // an answer in age group "16|24" would silently fall outside the weighting.
        var survey = TestSurveys.Open("kalix");

        Errors(survey with { AgeGroups = ["16-24", code] }).Keys.Should().Equal("ageGroups[1]");
        Errors(survey with { Genders = ["kvinna", code] }).Keys.Should().Equal("genders[1]");
    }

    [Fact]
    public void Age_group_and_gender_codes_may_use_swedish_letters_digits_and_signs()
    {
        Errors(TestSurveys.Open("kalix") with
        {
            AgeGroups = ["16-24", "85+", "65_plus", "Äldre", "abcdefghijabcdefghijabcdefghijab"],
            Genders = ["kvinna", "man", "ickebinär", "Öppet_svar", "vill-ej-svara"],
        }).Should().BeEmpty();
    }

    [Fact]
    public void Minimum_cell_size_must_be_sensible()
    {
        Errors(TestSurveys.Open("kalix") with { MinimumCellSize = 0 }).Should().ContainKey("minimumCellSize");
    }

    [Fact]
    public void Embed_origins_are_https_origins_without_a_path()
    {
        Errors(TestSurveys.Open("kalix") with { EmbedOrigins = ["https://www.kalix.se", "https://intranat.kalix.se:8443", "https://xn--kge-qla.se"] })
            .Should().BeEmpty();
    }

    [Theory]
    [InlineData("http://www.kalix.se")]
    [InlineData("https://www.kalix.se/")]
    [InlineData("https://www.kalix.se/enkat")]
    [InlineData("www.kalix.se")]
    [InlineData("https://kåge.se")]
    [InlineData("https://*.kalix.se")]
    [InlineData("*")]
    [InlineData("'self'")]
    [InlineData("https://www.kalix.se; script-src *")]
    [InlineData("https://www.kalix.se:99999")]
    [InlineData("https://user@www.kalix.se")]
    [InlineData("")]
    [InlineData("https://trygghet.kalix.se\n")]
    public void Anything_else_as_an_embed_origin_is_named(string origin)
    {
        Errors(TestSurveys.Open("kalix") with { EmbedOrigins = ["https://www.kalix.se", origin] }).Keys.Should().Equal("embedOrigins[1]");
    }

    [Fact]
    public void Embed_origins_are_few_and_not_repeated()
    {
        Errors(TestSurveys.Open("kalix") with { EmbedOrigins = ["https://www.kalix.se", "https://WWW.kalix.se"] }).Should().ContainKey("embedOrigins");
        Errors(TestSurveys.Open("kalix") with { EmbedOrigins = Enumerable.Range(1, 21).Select(i => $"https://s{i}.kalix.se").ToList() })
            .Should().ContainKey("embedOrigins");
    }

    [Fact]
    public void Window_state_follows_the_clock()
    {
        var s = TestSurveys.Open("kalix");
        s.WindowAt(s.OpensAt.AddSeconds(-1)).Should().Be(SurveyWindowState.NotYetOpen);
        s.WindowAt(s.OpensAt).Should().Be(SurveyWindowState.Open);
        s.WindowAt(s.ClosesAt).Should().Be(SurveyWindowState.Closed);
    }
    // Admins' text goes into workbooks (XML 1.0 cannot hold most control characters), PostgreSQL
    // (jsonb cannot hold U+0000), CSV and HTML. Codes as numbers, so that xunit can show each case.
    private static readonly int[] Unstorable = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFE, 0xFFFF];

    private static readonly string[] TextFields = ["title", "areas[1].label", "areas[0].code", "ageGroups[0]", "genders[2]", "populationSource"];

    public static TheoryData<string, int> FieldsAndCharacters()
    {
        var data = new TheoryData<string, int>();
        foreach (var field in TextFields)
            foreach (var code in Unstorable) data.Add(field, code);
        return data;
    }

    private static SurveyDefinition WithText(string field, string text)
    {
        var d = TestSurveys.Open("kalix-2027");
        return field switch
        {
            "title" => d with { Title = text },
            "areas[1].label" => d with { Areas = [d.Areas[0], new("tore", text)] },
            "areas[0].code" => d with { Areas = [new(text, "Centrum"), d.Areas[1]] },
            "ageGroups[0]" => d with { AgeGroups = [text, "25-44"] },
            "genders[2]" => d with { Genders = ["kvinna", "man", text] },
            "populationSource" => d with { PopulationSource = text },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
    }

    [Theory]
    [MemberData(nameof(FieldsAndCharacters))]
    public void Control_characters_and_broken_text_are_refused_in_every_text_field(string field, int code)
    {
        // Letters of any script, punctuation and emoji (a surrogate pair) come first: only the bad character is named.
        var text = field.Contains("code") || field.StartsWith("ageGroups") || field.StartsWith("genders")
            ? "ab" + (char)code + "cd"
            : "Trygg i Kalix – ”Čačak” مركز 😀 " + (char)code + " 85+";
        var errors = Errors(WithText(field, text));

        errors.Should().ContainKey(field);
        errors[field].Should().ContainSingle().Which.Should().Contain($"U+{code:X4}", "the message says which character is wrong");
    }
}
