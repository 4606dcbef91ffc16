using System.Text.RegularExpressions;

namespace Survey.UnitTests.Disclosure;

// Every figure leaves through the gate because nothing else can read what was counted: outside the
// store itself, only SurveyFigures (which hands the tallies straight to DisclosureGate) may call the
// store's tally and per-day reads. A page or export added later that reads them directly fails here.
public partial class OneGateTests
{
    [GeneratedRegex(@"\.(ReadTallies\w*Async|ReadResponsesPerDayAsync)\s*\(")]
    private static partial Regex TallyRead();

    [Fact]
    public void Only_the_gates_reader_reads_the_tallies()
    {
        var services = Path.Combine(Root(), "services");
        var readers = Directory.EnumerateFiles(services, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => TallyRead().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(services, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("Survey.Store/", StringComparison.Ordinal))
            .ToList();

        readers.Should().Equal("Survey.Staff/Disclosure/SurveyFigures.cs");
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Survey.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Survey.sln not found above " + AppContext.BaseDirectory);
    }
}
