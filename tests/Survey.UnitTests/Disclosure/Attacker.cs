using System.Globalization;
using System.Text.Json.Nodes;
using Google.OrTools.Sat;
using Survey.Domain.Ranking;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.UnitTests.Disclosure;

/// <summary>Everything the staff API publishes about one survey, as JSON, the way an analyst with every grant could read it.</summary>
public sealed record Publication(
    SurveyDefinition Survey, JsonNode Ranking, IReadOnlyDictionary<string, JsonNode> ByDimension, JsonNode Channels, JsonNode? PreviousRanking);

/// <summary>
/// An attacker who knows the disclosure rule and reads everything published, and asks for each hidden
/// count whether any other whole value is consistent with all of it. It models the answers as an
/// unknown table over area × age group × gender × channel (respondents, answered, and each concern
/// per cell), constrained by every published total, breakdown, weight, weighted share and day, and lets
/// CP-SAT (exact integer reasoning, independent of the gate's own audit) look for another solution.
/// </summary>
public static class Attacker
{
    /// <summary>Scale of the weighted-share equations (CP-SAT takes integers); the tolerance covers the rounding.</summary>
    private const double Scale = 1e9;

    /// <summary>How long CP-SAT may look for another value of one hidden count (DISCLOSURE_ATTACK_SECONDS).</summary>
    private static readonly int SecondsPerTarget =
        int.TryParse(Environment.GetEnvironmentVariable("DISCLOSURE_ATTACK_SECONDS"), out var s) ? s : 30;

    /// <summary>The hidden counts, and the small unpublished age × gender counts, that can be worked out, each described; empty when none can.</summary>
    public static IReadOnlyList<string> Recover(Publication published, IReadOnlyList<Respondent> truth)
    {
        var survey = published.Survey;
        var minimum = Math.Max(1, survey.MinimumCellSize);
        var dims = Dimensions.Breakdowns.ToArray();
        var values = dims.Select(d => Groups(published.ByDimension[d]).Select(g => Value(g)).ToArray()).ToArray();
        var cells = Cartesian(values).ToList();
        var totalRespondents = Long(published.Ranking["respondents"]);
        var bound = totalRespondents ?? minimum - 1;

        var model = new CpModel();
        var r = cells.Select((_, i) => model.NewIntVar(0, bound, $"r{i}")).ToArray();
        var a = cells.Select((_, i) => model.NewIntVar(0, bound, $"a{i}")).ToArray();
        var x = survey.Concerns.ToDictionary(c => c, c => cells.Select((_, i) => model.NewIntVar(0, bound, $"{c}{i}")).ToArray());
        for (var i = 0; i < cells.Count; i++)
        {
            model.Add(a[i] <= r[i]);
            foreach (var c in survey.Concerns) model.Add(x[c][i] <= a[i]);
        }

        var targets = new List<(LinearExpr Expression, long Truth, string What)>();
        void Publish(IntVar[] variables, Func<string[], bool> inCell, long? shown, long truthValue, string what, bool surveyWide = false, int floor = 0)
        {
            var expression = LinearExpr.Sum(cells.Select((cell, i) => (cell, i)).Where(t => inCell(t.cell)).Select(t => variables[t.i]));
            if (shown is { } v) model.Add(expression == v);
            else
            {
                // A hidden survey-wide count can only be a small one (there is no complementary hiding across concerns).
                if (surveyWide) model.AddLinearConstraint(expression, 1, Math.Max(1, floor - 1));
                targets.Add((expression, truthValue, what));
            }
        }

        // Survey-wide figures.
        Publish(r, _ => true, totalRespondents, truth.Count, "respondents", surveyWide: true, floor: minimum);
        Publish(a, _ => true, Long(published.Ranking["answeredConcerns"]), truth.Count(p => p.Concerns is not null), "answered",
            surveyWide: true, floor: minimum);
        foreach (var concern in published.Ranking["concerns"]!.AsArray())
        {
            var code = concern!["code"]!.GetValue<string>();
            if (!survey.Concerns.Contains(code)) continue;
            Publish(x[code], _ => true, Long(concern["count"]), truth.Count(p => p.Named(code)), $"count of {code}",
                surveyWide: true, floor: survey.FloorFor(code));
        }

        // Every breakdown: a group's row tells that it has at least one respondent.
        for (var d = 0; d < dims.Length; d++)
        {
            var dim = d;
            foreach (var group in Groups(published.ByDimension[dims[d]]))
            {
                var value = Value(group);
                bool InGroup(string[] cell) => cell[dim] == value;
                var members = truth.Where(p => p.Value(dims[dim]) == value).ToList();
                model.Add(LinearExpr.Sum(cells.Select((c, i) => (c, i)).Where(t => InGroup(t.c)).Select(t => r[t.i])) >= 1);
                Publish(r, InGroup, Long(group["respondents"]), members.Count, $"{dims[dim]} '{value}' respondents");
                Publish(a, InGroup, Long(group["answered"]), members.Count(p => p.Concerns is not null), $"{dims[dim]} '{value}' answered");
                foreach (var cell in group["concerns"]!.AsArray())
                {
                    var code = cell!["code"]!.GetValue<string>();
                    Publish(x[code], InGroup, Long(cell["count"]), members.Count(p => p.Named(code)), $"{dims[dim]} '{value}' {code}");
                }
            }
        }

        // The weights: answers per stratum and outside the table, and each weighted share as an equation over the cells.
        if (published.Ranking["weighting"] is JsonObject weighting)
        {
            var strata = weighting["strata"]!.AsArray().Select(s => (
                Ages: s!["ageGroups"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet(),
                Genders: s["genders"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet(),
                Respondents: s["respondents"]!.GetValue<long>(),
                Weight: s["weight"]!.GetValue<double>())).ToList();
            int? Stratum(string[] cell) => strata.FindIndex(s => s.Ages.Contains(cell[1]) && (s.Genders.Contains(cell[2]) || s.Genders.Contains(Weighting.AnyGender)))
                is var k and >= 0 ? k : null;
            for (var k = 0; k < strata.Count; k++)
            {
                var stratum = k;
                model.Add(LinearExpr.Sum(cells.Select((c, i) => (c, i)).Where(t => Stratum(t.c) == stratum).Select(t => a[t.i])) == strata[k].Respondents);
            }
            model.Add(LinearExpr.Sum(cells.Select((c, i) => (c, i)).Where(t => Stratum(t.c) is null).Select(t => a[t.i]))
                == weighting["answeredOutsideTable"]!.GetValue<long>());
            var answered = Long(published.Ranking["answeredConcerns"])!.Value;
            foreach (var concern in published.Ranking["concerns"]!.AsArray())
            {
                if (concern!["weightedShare"] is not { } share) continue;
                var code = concern["code"]!.GetValue<string>();
                var coefficients = cells.Select(c => (long)Math.Round((Stratum(c) is { } k ? strata[k].Weight : 1) * Scale)).ToArray();
                var target = (long)Math.Round(share.GetValue<double>() * answered * Scale);
                var slack = answered / 2 + 2; // each coefficient is rounded by at most ½, times at most `answered` answers
                model.AddLinearConstraint(LinearExpr.WeightedSum(x[code], coefficients), target - slack, target + slack);
            }
        }

        // The age × gender table is never published, but weights and weighted shares are equations over it: no small
        // count in it may be pinned down either.
        var ageIndex = Array.IndexOf(dims, Dimensions.AgeGroup);
        var genderIndex = Array.IndexOf(dims, Dimensions.Gender);
        foreach (var age in values[ageIndex])
            foreach (var gender in values[genderIndex])
            {
                bool InCell(string[] cell) => cell[ageIndex] == age && cell[genderIndex] == gender;
                var members = truth.Where(p => p.Value(Dimensions.AgeGroup) == age && p.Value(Dimensions.Gender) == gender).ToList();
                void Small(IntVar[] variables, long value, int floor, string what)
                {
                    if (value is > 0 && value < floor)
                        targets.Add((LinearExpr.Sum(cells.Select((c, i) => (c, i)).Where(t => InCell(t.c)).Select(t => variables[t.i])), value,
                            $"age × gender '{age}'/'{gender}' {what}"));
                }
                Small(r, members.Count, minimum, "respondents");
                Small(a, members.Count(p => p.Concerns is not null), minimum, "answered");
                foreach (var code in survey.Concerns) Small(x[code], members.Count(p => p.Named(code)), survey.FloorFor(code), code);
            }

        // Days: another partition of the respondents.
        var days = published.Channels["days"]!.AsArray();
        if (days.Count > 0)
        {
            var perDay = days.Select((_, i) => model.NewIntVar(1, bound, $"day{i}")).ToArray();
            model.Add(LinearExpr.Sum(perDay) == LinearExpr.Sum(r));
            for (var i = 0; i < days.Count; i++)
            {
                var day = DateOnly.Parse(days[i]!["day"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                if (Long(days[i]!["responses"]) is { } v) model.Add(perDay[i] == v);
                else targets.Add((perDay[i], truth.Count(p => (p.Day ?? new DateOnly(2026, 11, 2)) == day), $"day {day}"));
            }
        }

        // One solve per target at most: every solution found also shows which other targets can differ from the truth.
        var recovered = new List<string>();
        var open = targets.Select((_, i) => i).ToHashSet();
        for (var t = 0; t < targets.Count; t++)
        {
            if (!open.Remove(t)) continue;
            var (expression, truthValue, what) = targets[t];
            var other = model.NewBoolVar(what);
            model.Add(expression != truthValue).OnlyEnforceIf(other);
            model.ClearAssumptions();
            model.AddAssumption(other);
            var solver = new CpSolver { StringParameters = $"num_workers:1,max_time_in_seconds:{SecondsPerTarget}" };
            var status = solver.Solve(model);
            if (status == CpSolverStatus.Infeasible) recovered.Add($"{what} = {truthValue}");
            else if (status is not (CpSolverStatus.Feasible or CpSolverStatus.Optimal))
                recovered.Add($"{what}: the attacker could not decide ({status})");
            else
                open.RemoveWhere(i => solver.Value(targets[i].Expression) != targets[i].Truth);
        }
        return recovered;
    }

    private static IEnumerable<JsonNode> Groups(JsonNode ranking) => ranking["breakdown"]!["groups"]!.AsArray().Select(g => g!);

    private static string Value(JsonNode group) => group["value"]?.GetValue<string>() ?? "";

    private static long? Long(JsonNode? node) => node?.GetValue<long>();

    private static IEnumerable<string[]> Cartesian(string[][] values) =>
        values.Aggregate((IEnumerable<string[]>)[[]], (acc, next) => acc.SelectMany(prefix => next.Select(v => (string[])[.. prefix, v])));
}
