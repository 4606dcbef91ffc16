using Survey.Domain.Disclosure;
using Survey.Staff.Disclosure;
using Survey.Staff.Ranking;

namespace Survey.UnitTests.Staff.Ranking;

// The reports' inputs are kept per survey, but not for every survey a national install ever had: past the capacity, those
// read longest ago make room, and one read lately stays.
public class SurveyReportsCacheTests
{
    [Fact]
    public void Past_its_capacity_the_cache_drops_the_inputs_read_longest_ago_and_keeps_those_read_lately()
    {
        var cache = new SurveyReports.Cache();
        var survey = TestSurveys.Open("kept");
        var inputs = new ReportInputs(survey, DisclosureGate.Apply(SurveyFigures.Counts(survey, new Dictionary<string, IReadOnlyList<Survey.Store.TallyRow>>(), null, null)),
            EvidenceInputs.None);
        SurveyReports.Entry Entry() => new(inputs, "v1", -1, -1);

        for (var i = 0; i < SurveyReports.Cache.Capacity; i++) cache.Keep(($"s{i}", false), Entry());
        cache.Entries.Should().HaveCount(SurveyReports.Cache.Capacity);
        cache.Read(cache.Entries[("s0", false)]); // s0 was kept first but is read now

        cache.Keep(("one-more", false), Entry());

        cache.Entries.Count.Should().BeLessThanOrEqualTo(SurveyReports.Cache.Capacity);
        cache.Entries.Should().ContainKey(("s0", false)).And.ContainKey(("one-more", false));
        cache.Entries.Should().NotContainKey(("s1", false), "it was read longest ago");
    }
}
