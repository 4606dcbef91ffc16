namespace Survey.Domain.Disclosure;

// The set { x ≥ 0 : A x = b } of the tables consistent with what is published, and the largest
// value a linear function of the table can take on it: the disclosure audit asks how far a hidden
// count can move while every published figure stays as it is. A dense two-phase simplex with
// Bland's rule (no cycling); the systems are small (a few dozen equations and unknowns).
internal sealed class LinearFeasibleSet
{
    private const double Epsilon = 1e-9;
    private readonly double[][] _rows;
    private readonly int[] _basis;
    private readonly int _variables;

    private LinearFeasibleSet(double[][] rows, int[] basis, int variables)
    {
        _rows = rows;
        _basis = basis;
        _variables = variables;
    }

    // The set, or null when no x ≥ 0 satisfies the equations.
    public static LinearFeasibleSet? Create(IReadOnlyList<(double[] Coefficients, double Value)> equations, int variables)
    {
        var m = equations.Count;
        var width = variables + m + 1; // unknowns, one artificial per equation, right-hand side
        var rows = new double[m][];
        var basis = new int[m];
        for (var i = 0; i < m; i++)
        {
            var (coefficients, value) = equations[i];
            var sign = value < 0 ? -1 : 1;
            var row = new double[width];
            for (var j = 0; j < variables; j++) row[j] = sign * coefficients[j];
            row[variables + i] = 1;
            row[^1] = sign * value;
            rows[i] = row;
            basis[i] = variables + i;
        }

        // Phase 1: drive the artificials to zero (maximise minus their sum).
        var cost = new double[width - 1];
        for (var i = 0; i < m; i++) cost[variables + i] = -1;
        var tableau = new Tableau(rows, basis, width - 1);
        var scale = 1 + rows.Sum(r => Math.Abs(r[^1]));
        if (tableau.Maximise(cost, allowedColumns: width - 1) < -Epsilon * scale) return null;

        // Artificials still in the basis sit at zero: pivot them out, or drop their (redundant) equation.
        var keep = new List<int>();
        for (var i = 0; i < m; i++)
        {
            if (basis[i] < variables)
            {
                keep.Add(i);
                continue;
            }
            var column = Enumerable.Range(0, variables).FirstOrDefault(j => Math.Abs(rows[i][j]) > Epsilon, -1);
            if (column < 0) continue;
            tableau.Pivot(i, column);
            keep.Add(i);
        }
        return new LinearFeasibleSet([.. keep.Select(i => rows[i])], [.. keep.Select(i => basis[i])], variables);
    }

    // The largest value of objective · x over the set; +∞ when it has none.
    public double Maximum(double[] objective)
    {
        var rows = _rows.Select(r => (double[])r.Clone()).ToArray();
        var tableau = new Tableau(rows, (int[])_basis.Clone(), rows.Length == 0 ? _variables : rows[0].Length - 1);
        var cost = new double[tableau.Columns];
        Array.Copy(objective, cost, _variables);
        return tableau.Maximise(cost, allowedColumns: _variables);
    }

    public double Minimum(double[] objective) => -Maximum([.. objective.Select(c => -c)]);

    private sealed class Tableau(double[][] rows, int[] basis, int columns)
    {
        public int Columns { get; } = columns;

        public double Maximise(double[] cost, int allowedColumns)
        {
            // Reduced costs: cost_j − Σ_i cost_basis(i) · a_ij.
            var reduced = new double[Columns];
            for (var j = 0; j < Columns; j++)
            {
                var r = cost[j];
                for (var i = 0; i < rows.Length; i++) r -= cost[basis[i]] * rows[i][j];
                reduced[j] = r;
            }
            while (true)
            {
                var entering = -1;
                for (var j = 0; j < allowedColumns; j++)
                {
                    if (reduced[j] > Epsilon)
                    {
                        entering = j;
                        break;
                    }
                }
                if (entering < 0)
                {
                    var value = 0.0;
                    for (var i = 0; i < rows.Length; i++) value += cost[basis[i]] * rows[i][^1];
                    return value;
                }
                var leaving = -1;
                var best = double.PositiveInfinity;
                for (var i = 0; i < rows.Length; i++)
                {
                    if (rows[i][entering] <= Epsilon) continue;
                    var ratio = rows[i][^1] / rows[i][entering];
                    if (ratio < best - Epsilon || (Math.Abs(ratio - best) <= Epsilon && basis[i] < basis[leaving]))
                    {
                        best = ratio;
                        leaving = i;
                    }
                }
                if (leaving < 0) return double.PositiveInfinity;
                Pivot(leaving, entering);
                var factor = reduced[entering];
                for (var j = 0; j < Columns; j++) reduced[j] -= factor * rows[leaving][j];
            }
        }

        public void Pivot(int row, int column)
        {
            var pivot = rows[row];
            var p = pivot[column];
            for (var j = 0; j < pivot.Length; j++) pivot[j] /= p;
            for (var i = 0; i < rows.Length; i++)
            {
                if (i == row) continue;
                var factor = rows[i][column];
                if (factor == 0) continue;
                var target = rows[i];
                for (var j = 0; j < target.Length; j++) target[j] -= factor * pivot[j];
            }
            basis[row] = column;
        }
    }
}
