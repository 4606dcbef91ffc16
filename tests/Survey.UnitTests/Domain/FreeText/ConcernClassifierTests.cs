using System.Diagnostics;
using FluentAssertions;
using Survey.Domain.FreeText;
using Xunit;
using Xunit.Abstractions;

namespace Survey.UnitTests.Domain.FreeText;

public sealed class ConcernClassifierTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Inbrotten i området", "inbrott")]
    [InlineData("Inbrottet hos grannen", "inbrott")]
    [InlineData("Stölderna ökar", "stold")]
    [InlineData("Klottret tas aldrig bort", "skadegorelse")]
    public void Inflected_words_are_read_by_their_stem(string text, string concern) =>
        ConcernClassifier.Classify(text).Should().Equal(concern);

    [Theory]
    [InlineData("bostadsinbrotten har ökat", "inbrott")]
    [InlineData("skoterstölder varje vinter", "stold")]
    [InlineData("narkotikahandeln vid torget", "narkotika")]
    [InlineData("knarkförsäljning i trappan", "narkotika")]
    [InlineData("villainbrottsvågen i höstas", "inbrott")]
    public void A_concern_word_inside_a_compound_is_found(string text, string concern) =>
        ConcernClassifier.Classify(text).Should().Equal(concern);

    [Theory]
    [InlineData("Det finns ett bra hotell i centrum")]
    [InlineData("Jag kommer från Töre")]
    [InlineData("Priserna i affären är höga")]
    [InlineData("Vi har fått nya parkeringsplatser")]
    [InlineData("Jag skjutsar barnen till skolan")]
    [InlineData("Han drog iväg till jobbet")]
    [InlineData("Det var långt att gå till bussen")]
    public void Concern_letters_inside_unrelated_words_name_nothing(string text) =>
        ConcernClassifier.Classify(text).Should().BeEmpty();

    [Theory]
    [InlineData("knark vid skolan", "narkotika")]
    [InlineData("tjack säljs öppet", "narkotika")]
    [InlineData("langning vid fritidsgården", "narkotika")]
    [InlineData("buskörning med EPA-traktor", "trafik")]
    [InlineData("A-traktorer i centrum", "trafik")]
    [InlineData("inbrot i förråden", "inbrott")]
    [InlineData("narkotka", "narkotika")]
    [InlineData("stolder fran batar", "stold")]
    [InlineData("for mycket klotter och skrap", "skadegorelse,nedskrapning")]
    public void Slang_misspellings_and_text_without_swedish_letters_are_read(string text, string concerns) =>
        ConcernClassifier.Classify(text).Should().Equal(concerns.Split(','));

    [Theory]
    [InlineData("buskar vid stigen")]
    [InlineData("gången till skolan")]
    public void A_short_word_one_letter_from_a_concern_word_is_not_a_misspelling(string text) =>
        ConcernClassifier.Classify(text).Should().BeEmpty();

    [Theory]
    [InlineData("inga problem med inbrott", "")]
    [InlineData("Jag har aldrig sett någon langning här", "")]
    [InlineData("knark är inget problem men bilarna kör för fort", "trafik")]
    [InlineData("Inga problem med inbrott, knark eller klotter", "")]
    [InlineData("Inbrott har vi inte haft", "")]
    [InlineData("Vågar inte gå förbi gängen", "kriminella-natverk")]
    [InlineData("Inbrotten har inte minskat", "inbrott")]
    [InlineData("Man ser aldrig polisen", "polisnarvaro")]
    [InlineData("Det finns ingen belysning på stigen", "otrygga-platser")]
    public void A_denied_concern_is_not_read_but_a_missing_good_is(string text, string concerns) =>
        ConcernClassifier.Classify(text).Should().Equal(concerns.Split(',', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Several_concerns_in_one_text_come_in_taxonomy_order_once_each() =>
        ConcernClassifier.Classify("Mopedbilar kör för fort, det langas knark och knarket säljs öppet, och polisen syns aldrig.")
            .Should().Equal("narkotika", "trafik", "polisnarvaro");

    [Theory]
    [InlineData("Bra kommun att bo i!")]
    [InlineData("Jag vet inte")]
    [InlineData("Snöröjningen är dålig på vintern")]
    [InlineData("Mer pengar till äldreomsorgen")]
    public void Text_about_no_concern_gets_no_label(string text) =>
        ConcernClassifier.Classify(text).Should().BeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData("?!.,")]
    public void Empty_or_whitespace_text_gets_no_label(string text) =>
        ConcernClassifier.Classify(text).Should().BeEmpty();

    [Fact]
    public void Misshandel_at_home_is_domestic_violence_and_in_town_is_violence_in_public()
    {
        ConcernClassifier.Classify("Misshandel i hemmet").Should().Equal("vald-i-nara-relation");
        ConcernClassifier.Classify("Misshandel utanför krogen").Should().Equal("vald-offentlig-miljo");
    }

    // The classifier runs per response in the worker's batch and over whole files in the CLI: it
    // must read thousands of answers a second (in Release; the floor here leaves room for a Debug
    // build on a shared machine) and give the same answer from many threads at once.
    [Fact]
    public void Classifying_is_fast_and_safe_from_several_threads()
    {
        var answers = ClassifierEvaluation.Read(Path.Combine(AppContext.BaseDirectory, "Domain", "FreeText", "dev-answers.tsv"));
        var expected = answers.Select(a => string.Join(",", ConcernClassifier.Classify(a.Text))).ToList();

        var watch = Stopwatch.StartNew();
        var rounds = 10;
        for (var r = 0; r < rounds; r++)
            foreach (var a in answers) ConcernClassifier.Classify(a.Text);
        var perSecond = rounds * answers.Count / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{perSecond:0} texts/s on one thread");

        var parallel = answers.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(a => string.Join(",", ConcernClassifier.Classify(a.Text))).ToList();

        parallel.Should().Equal(expected);
        perSecond.Should().BeGreaterThan(500);
    }
}
