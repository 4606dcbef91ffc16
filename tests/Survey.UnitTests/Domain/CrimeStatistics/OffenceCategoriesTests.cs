using System.Text.RegularExpressions;
using Survey.Domain.Concerns;
using Survey.Domain.CrimeStatistics;

namespace Survey.UnitTests.Domain.CrimeStatistics;

public partial class OffenceCategoriesTests
{
    public static TheoryData<string, string> Table()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in OffenceCategories.All) data.Add(c.Name, c.Concern);
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_category_in_the_table_maps_to_a_concern_of_the_taxonomy(string category, string concern)
    {
        ConcernTaxonomy.TryGet(concern, out _).Should().BeTrue();
        OffenceCategories.ConcernFor(category).Should().Be(concern);
        OffenceCategories.ConcernFor(category.ToUpperInvariant()).Should().Be(concern);
    }

    [Theory]
    [InlineData("narkotikabrott", "narkotika")]
    [InlineData("Bostadsinbrott", "inbrott")]
    [InlineData("Inbrott i villa", "inbrott")]
    [InlineData("Misshandel i nära relation", "vald-i-nara-relation")]
    [InlineData("Grov kvinnofridskränkning", "vald-i-nara-relation")]
    [InlineData("Trafikbrott", "trafik")]
    [InlineData("Rattfylleri", "trafik")]
    [InlineData("Cykelstöld", "stold")]
    [InlineData("Klotter", "skadegorelse")]
    [InlineData("Rån", "vald-offentlig-miljo")]
    [InlineData("Bedrägeri", "bedragerier")]
    [InlineData("  Misshandel\u00A0 i nära  relation ", "vald-i-nara-relation")]
    [InlineData("Narkotikabrott, totalt", "narkotika")]
    public void Brås_names_map_to_the_concerns_they_are_evidence_for(string category, string concern)
    {
        OffenceCategories.ConcernFor(category).Should().Be(concern);
    }

    [Theory]
    [InlineData("Mord och dråp")]
    [InlineData("Förskingring")]
    [InlineData("Narkotikabrot")]
    public void A_category_not_in_the_table_maps_to_no_concern(string category)
    {
        OffenceCategories.ConcernFor(category).Should().BeNull();
    }

    [Fact]
    public void The_table_in_README_is_the_code_table()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        var section = readme[readme.IndexOf("| Brå's category | concern |", StringComparison.Ordinal)..];
        var rows = section.Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => TableRow().Match(l)).Where(m => m.Success)
            .SelectMany(m => m.Groups[1].Value.Split(", ").Select(name => (Name: name.Trim(), Concern: m.Groups[2].Value)))
            .ToList();

        rows.Should().BeEquivalentTo(OffenceCategories.All.Select(c => (c.Name, c.Concern)));
    }

    [GeneratedRegex(@"^\| (.+?) \| `([a-z-]+)` \|")]
    private static partial Regex TableRow();

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Survey.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Survey.sln not found above " + AppContext.BaseDirectory);
    }
}
