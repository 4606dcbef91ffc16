using System.Text.Json;

namespace Survey.UnitTests.Intake.Questionnaire;

public class TranslationTests
{
    private static readonly string Folder = Path.Combine(FindRoot(), "services", "Survey.Intake", "Questionnaire", "Texts");

    // Words that are spelt the same in both languages.
    private static readonly HashSet<(string Language, string Key)> SameAsSwedish = [("en", "q.gender.man")];

    private static Dictionary<string, string> Read(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Folder, language + ".json")))!;

    [Theory]
    [InlineData("en")]
    [InlineData("fi")]
    public void Every_complete_language_has_every_swedish_text(string language)
    {
        var swedish = Read("sv");
        var other = Read(language);

        other.Keys.Should().BeEquivalentTo(swedish.Keys);
        other.Where(kv => kv.Value == swedish[kv.Key] && !kv.Key.StartsWith('_') && !SameAsSwedish.Contains((language, kv.Key)))
            .Select(kv => kv.Key)
            .Should().BeEmpty("a text left in Swedish was probably forgotten");
    }

    [Fact]
    public void Placeholders_match_the_swedish_ones_in_every_language()
    {
        var swedish = Read("sv");
        foreach (var file in Directory.GetFiles(Folder, "*.json"))
        {
            var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!;
            foreach (var (key, value) in texts.Where(kv => swedish.ContainsKey(kv.Key)))
                Placeholders(value).Should().BeEquivalentTo(Placeholders(swedish[key]), $"{Path.GetFileName(file)}: {key}");
        }
    }

    [Fact]
    public void Every_concern_of_the_taxonomy_has_a_label_in_every_language()
    {
        foreach (var file in Directory.GetFiles(Folder, "*.json"))
        {
            var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!;
            foreach (var concern in Survey.Domain.Concerns.ConcernTaxonomy.All)
                texts.Should().ContainKey("concern." + concern.Code, Path.GetFileName(file));
        }
    }

    private static IEnumerable<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d\}").Select(m => m.Value).Distinct();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Survey.sln"))) return dir.FullName;
        throw new InvalidOperationException("Survey.sln not found");
    }
}
