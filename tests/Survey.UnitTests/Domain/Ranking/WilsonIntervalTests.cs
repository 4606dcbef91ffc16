using Survey.Domain.Ranking;

namespace Survey.UnitTests.Domain.Ranking;

public class WilsonIntervalTests
{
    // Reference values from the textbook form (x + z²/2) / (n + z²) ± z·√n / (n + z²) · √(p̂(1 − p̂) + z²/4n), z = 1.96.
    [Theory]
    [InlineData(0, 10, 0.0, 0.27753)]
    [InlineData(5, 10, 0.23659, 0.76341)]
    [InlineData(10, 10, 0.72247, 1.0)]
    [InlineData(412, 1000, 0.38189, 0.44279)]
    [InlineData(1, 1, 0.20655, 1.0)]
    public void Matches_known_values(long successes, long trials, double low, double high)
    {
        var interval = WilsonInterval.Compute(successes, trials);

        interval.Low.Should().BeApproximately(low, 0.00001);
        interval.High.Should().BeApproximately(high, 0.00001);
    }

    [Fact]
    public void No_trials_gives_the_whole_range()
    {
        WilsonInterval.Compute(0, 0).Should().Be(new Interval(0, 1));
    }

    [Fact]
    public void Interval_narrows_as_the_sample_grows_and_always_contains_the_share()
    {
        var previousWidth = double.MaxValue;
        foreach (var n in new[] { 10, 100, 1000, 10000 })
        {
            var interval = WilsonInterval.Compute(n * 3 / 10, n);
            interval.Low.Should().BeLessThan(0.3);
            interval.High.Should().BeGreaterThan(0.3);
            (interval.High - interval.Low).Should().BeLessThan(previousWidth);
            previousWidth = interval.High - interval.Low;
        }
    }

    [Fact]
    public void More_successes_than_trials_is_refused()
    {
        var act = () => WilsonInterval.Compute(11, 10);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
