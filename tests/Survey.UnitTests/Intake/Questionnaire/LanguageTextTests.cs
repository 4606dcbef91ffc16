using System.Text.Json;
using Survey.Domain.Surveys;
using Survey.Intake.Questionnaire;

namespace Survey.UnitTests.Intake.Questionnaire;

public class LanguageTextTests
{
    // A survey may offer exactly the languages whose questionnaire text is complete: a language with a file but not
    // offered is wasted work, one offered without its file shows residents Swedish under a language they chose.
    [Fact]
    public void Every_language_a_survey_may_offer_has_a_text_with_every_key_of_the_swedish_one()
    {
        Texts.Available.Should().BeEquivalentTo(SurveyDefaults.SupportedLanguages);

        var assembly = typeof(Texts).Assembly;
        Dictionary<string, string> Read(string language)
        {
            using var stream = assembly.GetManifestResourceStream($"texts.{language}.json")!;
            return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
        }
        var swedish = Read("sv");
        foreach (var language in SurveyDefaults.SupportedLanguages)
        {
            var words = Read(language);
            swedish.Keys.Except(words.Keys).Should().BeEmpty($"{language}.json must say everything sv.json says");
            words.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Should().BeEmpty($"{language}.json has no empty text");
        }
    }
}
