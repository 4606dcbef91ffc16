namespace Survey.Domain.Ranking;

public readonly record struct Interval(double Low, double High)
{
    public bool Overlaps(Interval other) => Low <= other.High && other.Low <= High;
}

public static class WilsonInterval
{
    // z for a two-sided 95 % interval.
    public const double Z95 = 1.959963984540054;

    // The Wilson score interval for successes of trials.
    public static Interval Compute(long successes, long trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0) return new Interval(0, 1);
        return ForShare((double)successes / trials, trials, z);
    }

    // The Wilson interval for a share p over n (not necessarily
    // whole) observations: with a weighted share, n is Kish's effective sample size.
    public static Interval ForShare(double p, double n, double z = Z95)
    {
        if (n <= 0) return new Interval(0, 1);
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At a share of 0 or 1 the bound is exactly 0 or 1; keep rounding from putting it a hair off.
        return new Interval(p <= 0 ? 0 : Math.Max(0, centre - half), p >= 1 ? 1 : Math.Min(1, centre + half));
    }
}
