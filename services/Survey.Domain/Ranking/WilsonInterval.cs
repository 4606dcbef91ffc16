namespace Survey.Domain.Ranking;

public readonly record struct Interval(double Low, double High)
{
    public bool Overlaps(Interval other) => Low <= other.High && other.Low <= High;
}

public static class WilsonInterval
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The Wilson score interval for <paramref name="successes"/> of <paramref name="trials"/>.</summary>
    public static Interval Compute(long successes, long trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0) return new Interval(0, 1);

        double n = trials, p = successes / n, z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At 0 and n successes the bound is exactly 0 or 1; keep rounding from putting it a hair off.
        return new Interval(
            successes == 0 ? 0 : Math.Max(0, centre - half),
            successes == trials ? 1 : Math.Min(1, centre + half));
    }
}
