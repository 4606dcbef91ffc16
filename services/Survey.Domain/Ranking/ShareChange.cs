namespace Survey.Domain.Ranking;

public sealed record ShareChange(double PreviousShare, double Change, double ChangeLow, double ChangeHigh)
{
    // The change in percentage points is clear of zero at 95 %.
    public bool Significant => ChangeLow > 0 || ChangeHigh < 0;
}

public static class ShareChanges
{
    // The change from an earlier share to a later one, with Newcombe's hybrid score interval
    // (method 10, built from the two Wilson intervals): sound for small counts and shares near 0 or 1.
    public static ShareChange Compare(long previousCount, long previousTotal, long currentCount, long currentTotal)
    {
        double p1 = previousTotal == 0 ? 0 : (double)previousCount / previousTotal;
        double p2 = currentTotal == 0 ? 0 : (double)currentCount / currentTotal;
        var w1 = WilsonInterval.Compute(previousCount, previousTotal);
        var w2 = WilsonInterval.Compute(currentCount, currentTotal);
        var change = p2 - p1;
        var low = change - Math.Sqrt(Math.Pow(p2 - w2.Low, 2) + Math.Pow(w1.High - p1, 2));
        var high = change + Math.Sqrt(Math.Pow(w2.High - p2, 2) + Math.Pow(p1 - w1.Low, 2));
        return new ShareChange(p1, change, Math.Max(-1, low), Math.Min(1, high));
    }
}
