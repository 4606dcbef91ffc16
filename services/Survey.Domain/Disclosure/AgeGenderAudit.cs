using Survey.Domain.Ranking;

namespace Survey.Domain.Disclosure;

// The age group × gender table behind the weighting, and the audit that decides whether the
// weights and a weighted share may be published beside the age and gender breakdowns.
//
// Breakdowns by one question each are safe once no column has a single hidden figure. Weights are
// not: the answers per stratum and a weighted share are further equations over the same age × gender
// table, and with the breakdowns' margins they can pin down a hidden figure (two hidden age groups
// with different weights: their sum from the margin, their weighted sum from the weighted share).
// So the audit takes everything that would be published about the table (the shown margins of the
// respondents, the answered and the concern, the totals, the answers per stratum, the weighted share)
// and asks, for every hidden margin figure and every small cell of the table, whether another whole
// value is still possible. If one is not, the candidate publication is refused.
internal sealed class AgeGenderAudit
{
    private const double Tolerance = 1e-6;
    private readonly string[] _ages;
    private readonly string[] _genders;
    private readonly long[] _respondents;
    private readonly long[] _answered;
    private readonly IReadOnlyList<SuppressedGroup> _ageShown;
    private readonly IReadOnlyList<SuppressedGroup> _genderShown;
    private readonly long? _totalRespondents;
    private readonly long? _totalAnswered;
    private readonly IReadOnlyDictionary<string, long[]> _concerns;

    private int K => _ages.Length * _genders.Length;

    private int Cell(int a, int g) => a * _genders.Length + g;

    // byAge: The age breakdown's groups (raw) with their suppressed versions, in the same order.
    public AgeGenderAudit(
        IReadOnlyList<GroupCounts> byAge, IReadOnlyList<SuppressedGroup> ageShown,
        IReadOnlyList<GroupCounts> byGender, IReadOnlyList<SuppressedGroup> genderShown,
        IReadOnlyList<CellCounts> cells, TotalCounts total, long? totalRespondents, long? totalAnswered, IReadOnlyList<string> concerns)
    {
        // Only values that have a row in the breakdowns: a value without one is known to be nobody.
        _ages = byAge.Select(g => g.Value).ToArray();
        _genders = byGender.Select(g => g.Value).ToArray();
        _ageShown = ageShown;
        _genderShown = genderShown;
        _totalRespondents = totalRespondents;
        _totalAnswered = totalAnswered;
        _respondents = Joint(byAge.Select(g => g.Respondents).ToArray(), byGender.Select(g => g.Respondents).ToArray(), total.Respondents,
            c => c.Respondents, cells);
        _answered = Joint(byAge.Select(g => g.Answered).ToArray(), byGender.Select(g => g.Answered).ToArray(), total.Answered,
            c => c.Answered, cells);
        _concerns = concerns.ToDictionary(code => code, code => Joint(
            byAge.Select(g => g.Counts.GetValueOrDefault(code)).ToArray(), byGender.Select(g => g.Counts.GetValueOrDefault(code)).ToArray(),
            total.Concern(code).Count, c => c.Counts.GetValueOrDefault(code), cells));
    }

    // The whole table of one count: the cells where both questions were answered come from the tallies,
    // the others (age or gender not given) from the margins.
    private long[] Joint(long[] ageMargin, long[] genderMargin, long total, Func<CellCounts, long> value, IReadOnlyList<CellCounts> cells)
    {
        var table = new long[K];
        var missingAge = Array.IndexOf(_ages, "");
        var missingGender = Array.IndexOf(_genders, "");
        foreach (var c in cells)
        {
            var (a, g) = (Array.IndexOf(_ages, c.AgeGroup), Array.IndexOf(_genders, c.Gender));
            if (a >= 0 && g >= 0) table[Cell(a, g)] = value(c);
        }
        if (missingGender >= 0)
            for (var a = 0; a < _ages.Length; a++)
                if (a != missingAge)
                    table[Cell(a, missingGender)] = ageMargin[a] - Enumerable.Range(0, _genders.Length).Where(g => g != missingGender).Sum(g => table[Cell(a, g)]);
        if (missingAge >= 0)
            for (var g = 0; g < _genders.Length; g++)
                if (g != missingGender)
                    table[Cell(missingAge, g)] = genderMargin[g] - Enumerable.Range(0, _ages.Length).Where(a => a != missingAge).Sum(a => table[Cell(a, g)]);
        if (missingAge >= 0 && missingGender >= 0)
            table[Cell(missingAge, missingGender)] = total - table.Sum() + table[Cell(missingAge, missingGender)];
        return table;
    }

    // The answers in the cells of a stratum, or outside every stratum.
    public bool InStratum(int cell, Stratum s) => s.Contains(_ages[cell / _genders.Length], _genders[cell % _genders.Length]);

    // May the answers per stratum (and so the weights and the effective sample size) be published
    // beside the age and gender breakdowns of the respondents and the answered?
    public bool PeopleSafe(IReadOnlyList<Stratum> strata, int minimum)
    {
        // Unknowns: answered (A) and not answered (N) per cell; respondents are A + N.
        var model = new Model(2 * K);
        double[] Answered(Func<int, bool> cells) => model.Expression(k => cells(k) ? 1 : 0, k => 0);
        double[] Respondents(Func<int, bool> cells) => model.Expression(k => cells(k) ? 1 : 0, k => cells(k) ? 1 : 0);

        var targets = new List<(double[] Expression, long Value)>();
        AddMargins(model, targets, Respondents, _respondents, g => g.Respondents);
        AddMargins(model, targets, Answered, _answered, g => g.Answered);
        AddListed(model, Respondents);
        AddTotal(model, targets, Respondents(_ => true), _totalRespondents, _respondents.Sum(), minimum);
        AddTotal(model, targets, Answered(_ => true), _totalAnswered, _answered.Sum(), minimum);
        foreach (var s in strata) model.Equal(Answered(k => InStratum(k, s)), s.Respondents);
        for (var k = 0; k < K; k++)
        {
            var cell = k;
            if (!DisclosureRule.MayShow(_answered[k], minimum)) targets.Add((Answered(i => i == cell), _answered[k]));
            if (!DisclosureRule.MayShow(_respondents[k], minimum)) targets.Add((Respondents(i => i == cell), _respondents[k]));
        }
        return model.Protects(targets);
    }

    // May the answers per stratum be published beside the concern's age and gender breakdowns and its survey-wide
    // count? Those who named it are among those who answered, so the strata bound them too: no hidden figure of the
    // concern, and no small count of it in the age × gender table, may be pinned down.
    public bool ConcernSafe(string concern, IReadOnlyList<Stratum> strata, int floor, int minimum, long? shownTotal)
    {
        // Unknowns: named the concern (X), answered without naming it (S), did not answer (N).
        var model = new Model(3 * K);
        var x = _concerns[concern];
        double[] Named(Func<int, bool> cells) => model.Expression(k => cells(k) ? 1 : 0, _ => 0, _ => 0);
        double[] Answered(Func<int, bool> cells) => model.Expression(k => cells(k) ? 1 : 0, k => cells(k) ? 1 : 0, _ => 0);
        double[] Respondents(Func<int, bool> cells) => model.Expression(k => cells(k) ? 1 : 0, k => cells(k) ? 1 : 0, k => cells(k) ? 1 : 0);

        var targets = new List<(double[] Expression, long Value)>();
        var ignored = new List<(double[] Expression, long Value)>();
        AddMargins(model, ignored, Respondents, _respondents, g => g.Respondents);
        AddMargins(model, ignored, Answered, _answered, g => g.Answered);
        AddMargins(model, targets, Named, x, g => g.Counts.GetValueOrDefault(concern));
        AddListed(model, Respondents);
        AddTotal(model, ignored, Respondents(_ => true), _totalRespondents, _respondents.Sum(), minimum);
        AddTotal(model, ignored, Answered(_ => true), _totalAnswered, _answered.Sum(), minimum);
        AddTotal(model, targets, Named(_ => true), shownTotal, x.Sum(), floor);
        foreach (var s in strata) model.Equal(Answered(k => InStratum(k, s)), s.Respondents);
        // A stratum whose every member named the concern would give its (small) count away too.
        for (var k = 0; k < K; k++)
        {
            var cell = k;
            if (!DisclosureRule.MayShow(x[k], floor)) targets.Add((Named(i => i == cell), x[k]));
        }
        return model.Protects(targets);
    }

    // The concern's whole age × gender table (also the rows and columns of those who gave no age or gender).
    public IReadOnlyList<long> ConcernTable(string concern) => _concerns[concern];

    // A survey-wide total: an equation when shown; when hidden, a reader still knows it is from 1 to floor − 1
    // (nothing is hidden beside it), and it must stay unknown.
    private static void AddTotal(Model model, List<(double[] Expression, long Value)> targets, double[] expression, long? shown, long value, int floor)
    {
        if (shown is { } v)
        {
            model.Equal(expression, v);
            return;
        }
        model.AtLeast(expression, 1);
        model.AtMost(expression, Math.Max(1, floor - 1));
        targets.Add((expression, value));
    }

    // A reader knows that every age group and gender listed in a breakdown has at least one respondent.
    private void AddListed(Model model, Func<Func<int, bool>, double[]> respondents)
    {
        for (var a = 0; a < _ages.Length; a++)
        {
            var row = a;
            model.AtLeast(respondents(k => k / _genders.Length == row), 1);
        }
        for (var g = 0; g < _genders.Length; g++)
        {
            var column = g;
            model.AtLeast(respondents(k => k % _genders.Length == column), 1);
        }
    }

    // Shown margin figures become equations; hidden ones become what must stay unknown.
    private void AddMargins(Model model, List<(double[] Expression, long Value)> targets, Func<Func<int, bool>, double[]> expression,
        long[] table, Func<SuppressedGroup, long?> shown)
    {
        for (var a = 0; a < _ages.Length; a++)
        {
            var row = a;
            var e = expression(k => k / _genders.Length == row);
            var value = Enumerable.Range(0, _genders.Length).Sum(g => table[Cell(row, g)]);
            if (shown(_ageShown[a]) is { } v) model.Equal(e, v);
            else targets.Add((e, value));
        }
        for (var g = 0; g < _genders.Length; g++)
        {
            var column = g;
            var e = expression(k => k % _genders.Length == column);
            var value = Enumerable.Range(0, _ages.Length).Sum(a => table[Cell(a, column)]);
            if (shown(_genderShown[g]) is { } v) model.Equal(e, v);
            else targets.Add((e, value));
        }
    }

    private sealed class Model(int variables)
    {
        private readonly List<(double[] Coefficients, double Value)> _equations = [];
        private int _slacks;

        // A linear function of the unknowns, which are blocks of one value per cell: a coefficient per cell for each block.
        public double[] Expression(params Func<int, double>[] blocks)
        {
            var k = variables / blocks.Length;
            var e = new double[variables];
            for (var b = 0; b < blocks.Length; b++)
                for (var i = 0; i < k; i++) e[b * k + i] = blocks[b](i);
            return e;
        }

        public void Equal(double[] expression, double value) => _equations.Add((expression, value));

        // expression ≥ value, as expression − slack = value with a slack of its own.
        public void AtLeast(double[] expression, double value) => Bound(expression, value, -1);

        // expression ≤ value, as expression + slack = value.
        public void AtMost(double[] expression, double value) => Bound(expression, value, 1);

        private void Bound(double[] expression, double value, double slack)
        {
            var e = new double[variables + _slacks + 1];
            Array.Copy(expression, e, variables);
            e[^1] = slack;
            _slacks++;
            _equations.Add((e, value));
        }

        // True when every target can take a whole value other than its own without changing a published figure.
        public bool Protects(IReadOnlyList<(double[] Expression, long Value)> targets)
        {
            if (targets.Count == 0) return true;
            var width = variables + _slacks;
            double[] Padded(double[] e) => e.Length == width ? e : [.. e, .. new double[width - e.Length]];
            // The real table satisfies every equation, so the set is never empty; if numerics say so, refuse.
            var set = LinearFeasibleSet.Create(_equations.Select(q => (Padded(q.Coefficients), q.Value)).ToList(), width);
            if (set is null) return false;
            foreach (var (expression, value) in targets)
            {
                var e = Padded(expression);
                if (set.Maximum(e) >= value + 1 - Tolerance) continue;
                if (set.Minimum(e) <= value - 1 + Tolerance) continue;
                return false;
            }
            return true;
        }
    }
}
