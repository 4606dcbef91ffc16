using Survey.Domain.Ranking;

namespace Survey.UnitTests.Domain.Ranking;

public class ShareChangeTests
{
    // Newcombe (1998), Statistics in Medicine 17:873, table II, example (a): 56/70 against 48/80,
    // difference 0.2000 with the score interval (method 10) 0.0524 to 0.3339.
    [Fact]
    public void Matches_newcombes_worked_example()
    {
        var change = ShareChanges.Compare(previousCount: 48, previousTotal: 80, currentCount: 56, currentTotal: 70);

        change.Change.Should().BeApproximately(0.2, 1e-9);
        change.ChangeLow.Should().BeApproximately(0.0524, 0.0001);
        change.ChangeHigh.Should().BeApproximately(0.3339, 0.0001);
        change.Significant.Should().BeTrue();
    }

    [Fact]
    public void A_small_change_on_small_samples_is_not_significant()
    {
        var change = ShareChanges.Compare(10, 30, 12, 30);

        change.Change.Should().BeApproximately(2.0 / 30, 1e-9);
        change.ChangeLow.Should().BeNegative();
        change.ChangeHigh.Should().BePositive();
        change.Significant.Should().BeFalse();
    }

    [Fact]
    public void The_interval_is_symmetric_when_the_groups_are_swapped()
    {
        var up = ShareChanges.Compare(300, 1000, 412, 1000);
        var down = ShareChanges.Compare(412, 1000, 300, 1000);

        down.Change.Should().BeApproximately(-up.Change, 1e-12);
        down.ChangeLow.Should().BeApproximately(-up.ChangeHigh, 1e-12);
        down.ChangeHigh.Should().BeApproximately(-up.ChangeLow, 1e-12);
    }
}
