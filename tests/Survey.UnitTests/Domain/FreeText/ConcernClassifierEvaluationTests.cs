using FluentAssertions;
using Survey.Domain.FreeText;
using Xunit;
using Xunit.Abstractions;

namespace Survey.UnitTests.Domain.FreeText;

public sealed class ConcernClassifierEvaluationTests(ITestOutputHelper output)
{
    // Each labelled file beside this test; a held-out set is one more line.
    [Theory]
    [InlineData("dev-answers.tsv")]
    [InlineData("heldout-answers.tsv")]
    public void Precision_and_recall_on_a_labelled_set_reach_the_targets(string file)
    {
        var answers = ClassifierEvaluation.Read(Path.Combine(AppContext.BaseDirectory, "Domain", "FreeText", file));
        var result = ClassifierEvaluation.Score(answers, ConcernClassifier.Classify);

        output.WriteLine(result.Table());
        foreach (var (answer, found) in result.Mistakes)
            output.WriteLine($"line {answer.Line}: [{string.Join(",", answer.Concerns.Order(StringComparer.Ordinal))}] read as [{string.Join(",", found)}]: {answer.Text}");

        result.Overall.Precision.Should().BeGreaterThanOrEqualTo(0.9);
        result.Overall.Recall.Should().BeGreaterThanOrEqualTo(0.85);
    }

    [Fact]
    public void The_development_set_is_large_enough_and_a_fifth_of_it_names_no_concern()
    {
        var answers = ClassifierEvaluation.Read(Path.Combine(AppContext.BaseDirectory, "Domain", "FreeText", "dev-answers.tsv"));

        answers.Should().HaveCountGreaterThanOrEqualTo(300);
        answers.Count(a => a.Concerns.Count == 0).Should().BeGreaterThanOrEqualTo(answers.Count / 5);
    }
}
