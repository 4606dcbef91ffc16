using System.Globalization;
using System.Text.Json.Nodes;
using Google.OrTools.Sat;
using Survey.Domain.Questions;
using Survey.Domain.Ranking;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.UnitTests.Disclosure;

// Everything the staff API publishes about one survey, as JSON, the way an analyst with every grant could read it.
public sealed record Publication(
    SurveyDefinition Survey, JsonNode Ranking, IReadOnlyDictionary<string, JsonNode> ByDimension, JsonNode Channels, JsonNode? PreviousRanking)
{
    // The results of each of the survey's own questions (GET …/questions/{code}), and of the previous survey's.
    public IReadOnlyDictionary<string, JsonNode> Questions { get; init; } = new Dictionary<string, JsonNode>();
    public IReadOnlyDictionary<string, JsonNode> PreviousQuestions { get; init; } = new Dictionary<string, JsonNode>();
    public SurveyDefinition? PreviousSurvey { get; init; }
}

// An attacker who knows the disclosure rule and reads everything published, and asks for each hidden
// count whether any other whole value is consistent with all of it. It models the answers as unknown
// counts of respondents per type (what they answered to the concern question) in each group of each
// breakdown (People), and the answers to the survey's own questions, constrained by every
// published total, breakdown, weight, weighted share, question result and day, and lets CP-SAT (exact
// integer reasoning, independent of the gate's own audit) look for another solution.
public static class Attacker
{
    // Scale of the weighted-share equations (CP-SAT takes integers); the tolerance covers the rounding.
    private const double Scale = 1e9;

    // How long CP-SAT may look for another value of one hidden count (DISCLOSURE_ATTACK_SECONDS).
    private static readonly int SecondsPerTarget =
        int.TryParse(Environment.GetEnvironmentVariable("DISCLOSURE_ATTACK_SECONDS"), out var s) ? s : 30;

    // The hidden counts, and the small unpublished age × gender counts, that can be worked out, each described; empty when none can.
    public static IReadOnlyList<string> Recover(Publication published, IReadOnlyList<Respondent> truth)
    {
        var survey = published.Survey;
        var minimum = Math.Max(1, survey.MinimumCellSize);
        var totalRespondents = Long(published.Ranking["respondents"]);
        var bound = totalRespondents ?? minimum - 1;
        var model = new CpModel();
        var people = new People(survey, published, model, bound);
        Statistics = $"{people.Size} variables";

        var targets = new List<(LinearExpr Expression, long Truth, string What)>();
        void Publish(LinearExpr expression, long? shown, long truthValue, string what, bool surveyWide = false, int floor = 0, bool target = true)
        {
            if (shown is { } v) model.Add(expression == v);
            else if (target)
            {
                // A hidden survey-wide count can only be a small one (there is no complementary hiding across concerns).
                if (surveyWide) model.AddLinearConstraint(expression, 1, Math.Max(1, floor - 1));
                targets.Add((expression, truthValue, what));
            }
        }

        // Survey-wide figures.
        Publish(people.Everyone(People.Respondents), totalRespondents, truth.Count, "respondents", surveyWide: true, floor: minimum);
        Publish(people.Everyone(People.Answered), Long(published.Ranking["answeredConcerns"]), truth.Count(p => p.Concerns is not null), "answered",
            surveyWide: true, floor: minimum);
        foreach (var concern in published.Ranking["concerns"]!.AsArray())
        {
            var code = concern!["code"]!.GetValue<string>();
            if (!survey.Concerns.Contains(code)) continue;
            Publish(people.Everyone(people.Named(code)), Long(concern["count"]), truth.Count(p => p.Named(code)), $"count of {code}",
                surveyWide: true, floor: survey.FloorFor(code));
        }

        // Every breakdown: a group's row tells that it has at least one respondent.
        foreach (var dimension in Dimensions.For(survey))
        {
            var named = Groups(published.ByDimension[dimension]).Select(Value).ToHashSet();
            foreach (var group in Groups(published.ByDimension[dimension]))
            {
                var value = Value(group);
                // The hidden channels, together and unnamed: whoever came by a channel the publication does not name.
                var members = dimension == Dimensions.Channel && value == ChannelCode.Others
                    ? truth.Where(p => !named.Contains(p.Value(dimension))).ToList()
                    : truth.Where(p => p.Value(dimension) == value).ToList();
                // What must stay hidden is each channel's own count. Standing for one hidden channel, the group's figures are
                // that channel's and are attacked; standing for several, they are sums over channels the reader cannot
                // tell apart (not a count of any one), which still bound the others.
                var target = members.Select(p => p.Value(dimension)).Distinct().Count() <= 1;
                LinearExpr Count(Func<int, bool> type) => people.Group(dimension, value, type);
                model.Add(Count(People.Respondents) >= 1);
                Publish(Count(People.Respondents), Long(group["respondents"]), members.Count, $"{dimension} '{value}' respondents", target: target);
                Publish(Count(People.Answered), Long(group["answered"]), members.Count(p => p.Concerns is not null), $"{dimension} '{value}' answered",
                    target: target);
                foreach (var cell in group["concerns"]!.AsArray())
                {
                    var code = cell!["code"]!.GetValue<string>();
                    Publish(Count(people.Named(code)), Long(cell["count"]), members.Count(p => p.Named(code)), $"{dimension} '{value}' {code}",
                        target: target);
                }
            }
        }

        // The weights: answers per stratum and outside the table, and each weighted share as an equation over the age × gender cells.
        if (published.Ranking["weighting"] is JsonObject weighting)
        {
            var strata = weighting["strata"]!.AsArray().Select(s => (
                Ages: s!["ageGroups"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet(),
                Genders: s["genders"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet(),
                Respondents: s["respondents"]!.GetValue<long>(),
                Weight: s["weight"]!.GetValue<double>())).ToList();
            int? Stratum(string age, string gender) =>
                strata.FindIndex(s => s.Ages.Contains(age) && (s.Genders.Contains(gender) || s.Genders.Contains(Weighting.AnyGender))) is var k and >= 0 ? k : null;
            for (var k = 0; k < strata.Count; k++)
            {
                var stratum = k;
                model.Add(people.AgeByGender((age, gender) => Stratum(age, gender) == stratum ? 1 : 0, People.Answered) == strata[k].Respondents);
            }
            model.Add(people.AgeByGender((age, gender) => Stratum(age, gender) is null ? 1 : 0, People.Answered)
                == weighting["answeredOutsideTable"]!.GetValue<long>());
            var answered = Long(published.Ranking["answeredConcerns"])!.Value;
            foreach (var concern in published.Ranking["concerns"]!.AsArray())
            {
                if (concern!["weightedShare"] is not { } share) continue;
                var code = concern["code"]!.GetValue<string>();
                var target = (long)Math.Round(share.GetValue<double>() * answered * Scale);
                var slack = answered / 2 + 2; // each coefficient is rounded by at most ½, times at most `answered` answers
                model.AddLinearConstraint(
                    people.AgeByGender((age, gender) => (long)Math.Round((Stratum(age, gender) is { } k ? strata[k].Weight : 1) * Scale), people.Named(code)),
                    target - slack, target + slack);
            }
        }

        // The age × gender table is never published, but weights and weighted shares are equations over it: no small
        // count in it may be pinned down either.
        foreach (var (age, gender) in people.AgeGenderCells)
        {
            var members = truth.Where(p => p.Value(Dimensions.AgeGroup) == age && p.Value(Dimensions.Gender) == gender).ToList();
            void Small(Func<int, bool> type, long value, int floor, string what)
            {
                if (value is > 0 && value < floor)
                    targets.Add((people.AgeByGender((a, g) => a == age && g == gender ? 1 : 0, type), value, $"age × gender '{age}'/'{gender}' {what}"));
            }
            Small(People.Respondents, members.Count, minimum, "respondents");
            Small(People.Answered, members.Count(p => p.Concerns is not null), minimum, "answered");
            foreach (var code in survey.Concerns) Small(people.Named(code), members.Count(p => p.Named(code)), survey.FloorFor(code), code);
        }

        Questions(published, truth, model, people, bound, targets);

        // Days: another partition of the respondents.
        var days = published.Channels["days"]!.AsArray();
        if (days.Count > 0)
        {
            var perDay = days.Select((_, i) => model.NewIntVar(1, bound, $"day{i}")).ToArray();
            model.Add(LinearExpr.Sum(perDay) == people.Everyone(People.Respondents));
            for (var i = 0; i < days.Count; i++)
            {
                var day = DateOnly.Parse(days[i]!["day"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                if (Long(days[i]!["responses"]) is { } v) model.Add(perDay[i] == v);
                else targets.Add((perDay[i], truth.Count(p => (p.Day ?? new DateOnly(2026, 11, 2)) == day), $"day {day}"));
            }
        }

        // Two solves per target at most: every solution found also shows which other targets can differ from the truth. (No
        // hint from the truth: a search that starts there finds answers that differ from it in one figure, where one that
        // starts anywhere sets many figures free at once and needs far fewer solves.)
        var recovered = new List<string>();
        var open = targets.Select((_, i) => i).ToHashSet();
        var solves = 0;
        var retries = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var t = 0; t < targets.Count; t++)
        {
            if (!open.Remove(t)) continue;
            var (expression, truthValue, what) = targets[t];
            // Below the truth, then above it: two linear questions, which CP-SAT's presolve and LP settle far sooner than "≠".
            var below = model.NewBoolVar(what + " below");
            var above = model.NewBoolVar(what + " above");
            model.Add(expression <= truthValue - 1).OnlyEnforceIf(below);
            model.Add(expression >= truthValue + 1).OnlyEnforceIf(above);
            var statuses = new List<CpSolverStatus>();
            foreach (var side in new[] { below, above })
            {
                model.ClearAssumptions();
                model.AddAssumption(side);
                // Most questions are settled at once by CP-SAT's defaults. A figure pinned only by sums over many groups and
                // types can take them minutes, and the LP at linearization level 2 proves it in a moment: that is the second try.
                var solver = new CpSolver { StringParameters = "num_workers:1,max_time_in_seconds:1" };
                var status = solver.Solve(model);
                if (status == CpSolverStatus.Unknown)
                {
                    retries++;
                    solver = new CpSolver { StringParameters = $"num_workers:1,linearization_level:2,max_time_in_seconds:{SecondsPerTarget}" };
                    status = solver.Solve(model);
                }
                solves++;
                statuses.Add(status);
                if (status is CpSolverStatus.Feasible or CpSolverStatus.Optimal)
                {
                    open.RemoveWhere(i => solver.Value(targets[i].Expression) != targets[i].Truth);
                    break;
                }
            }
            if (statuses[^1] is CpSolverStatus.Feasible or CpSolverStatus.Optimal) continue;
            recovered.Add(statuses.All(s => s == CpSolverStatus.Infeasible)
                ? $"{what} = {truthValue}"
                : $"{what}: the attacker could not decide ({string.Join(", ", statuses)})");
        }
        Statistics += $", {targets.Count} targets, {solves} solves ({retries} retried), {clock.Elapsed.TotalSeconds:F1} s";
        return recovered;
    }

    // The survey's own questions, linked to the same respondents. A single-choice question is a breakdown, so its answer
    // is one of the views of the respondents, and its results (each option's count and share, how many answered) are
    // sums over it. Multiple-choice, scale and text questions are published only survey-wide, crossed with nothing: any
    // counts that fit the published ones and are at most the respondents can be given to some of them, so their own
    // variables, bounded by the respondents, are as exact as a view would be. What the reader knows of a
    // hidden figure comes from the published rule: a multiple-choice option is hidden only when it is 1 to floor − 1, and
    // so is a multiple, scale or text question's answered count when the survey's respondents are shown.
    private static void Questions(
        Publication published, IReadOnlyList<Respondent> truth, CpModel model, People people, long bound,
        List<(LinearExpr Expression, long Truth, string What)> targets)
    {
        var survey = published.Survey;
        var minimum = Math.Max(1, survey.MinimumCellSize);
        var respondentsShown = Long(published.Ranking["respondents"]) is not null;
        var everyone = people.Everyone(People.Respondents);

        // A share shown beside a hidden count or denominator is an equation between them (shown beside both, it tells nothing more).
        void Share(LinearExpr count, long? shownCount, LinearExpr of, long? shownOf, JsonNode value)
        {
            if (value["share"] is not { } share || shownCount is not null && shownOf is not null) return;
            var k = (long)Math.Round(share.GetValue<double>() * Scale);
            var slack = bound / 2 + 2; // k is rounded by at most ½, times at most `bound` answers
            model.AddLinearConstraint(of * k - count * (long)Scale, -slack, slack);
        }

        foreach (var q in survey.Questions ?? [])
        {
            var results = published.Questions[q.Code];
            var answeredShown = Long(results["answered"]);
            var answeredTruth = truth.Count(p => p.Answer(q.Code) is not null);
            var values = results["values"]!.AsArray().ToDictionary(v => v!["code"]!.GetValue<string>(), v => v!);
            long Given(string value) => truth.Count(p => p.Answer(q.Code)?.Values.Contains(value) == true);

            if (q.Type == QuestionTypes.SingleChoice)
            {
                var dimension = Dimensions.Question(q.Code);
                var answered = people.Groups(dimension, value => value.Length > 0, People.Respondents);
                if (answeredShown is { } n) model.Add(answered == n);
                else targets.Add((answered, answeredTruth, $"question {q.Code} answered"));
                foreach (var option in q.Values)
                {
                    var count = people.Group(dimension, option, People.Respondents);
                    var shown = Long(values[option]["count"]);
                    // Its hidden counts are the breakdown's hidden groups, attacked there.
                    if (shown is { } c) model.Add(count == c);
                    Share(count, shown, answered, answeredShown, values[option]);
                }
                continue;
            }

            var answeredVar = model.NewIntVar(0, bound, $"{q.Code}:answered");
            model.Add(answeredVar <= everyone);
            if (answeredShown is { } shownAnswered) model.Add(answeredVar == shownAnswered);
            else
            {
                if (respondentsShown) model.AddLinearConstraint(answeredVar, 1, Math.Max(1, minimum - 1));
                targets.Add((answeredVar, answeredTruth, $"question {q.Code} answered"));
            }
            if (q.Type == QuestionTypes.Text) continue;

            var given = q.Values.ToDictionary(v => v, v => model.NewIntVar(0, bound, $"{q.Code}={v}"));
            foreach (var v in q.Values) model.Add(given[v] <= answeredVar);
            // A scale answer is one step (or "vet inte"); a multiple-choice answer any number of options, none too.
            if (q.Type == QuestionTypes.Scale) model.Add(LinearExpr.Sum(given.Values) == answeredVar);
            foreach (var v in q.Values)
            {
                var shown = Long(values[v]["count"]);
                if (shown is { } c) model.Add(given[v] == c);
                else
                {
                    if (q.Type == QuestionTypes.MultipleChoice && answeredShown is not null) model.AddLinearConstraint(given[v], 1, Math.Max(1, minimum - 1));
                    targets.Add((given[v], Given(v), $"question {q.Code} '{v}'"));
                }
                Share(given[v], shown, answeredVar, answeredShown, values[v]);
            }

            // The mean of the steps 1–5 and its interval: two equations, Σ i·n_i = mean × answers and, from the interval's
            // half-width, the variance, i.e. Σ i²·n_i.
            if (q.Type == QuestionTypes.Scale && results["mean"] is JsonObject mean)
            {
                var steps = Enumerable.Range(1, 5).Select(i => given[i.ToString(CultureInfo.InvariantCulture)]).ToArray();
                var answers = mean["answers"]!.GetValue<long>();
                var m = mean["mean"]!.GetValue<double>();
                model.Add(LinearExpr.Sum(steps) == answers);
                var mScaled = (long)Math.Round(m * Scale);
                var slack = bound / 2 + 2;
                model.AddLinearConstraint(LinearExpr.WeightedSum(steps, Enumerable.Range(1, 5).Select(i => i * (long)Scale - mScaled)), -slack, slack);
                var (low, high) = (mean["ciLow"]!.GetValue<double>(), mean["ciHigh"]!.GetValue<double>());
                var half = low > 1 ? m - low : high < 5 ? high - m : (double?)null;
                if (half is { } h && answers > 1)
                {
                    var variance = Math.Pow(h / WilsonInterval.Z95, 2) * answers;
                    var squares = (long)Math.Round(variance * (answers - 1) + answers * m * m);
                    model.AddLinearConstraint(LinearExpr.WeightedSum(steps, Enumerable.Range(1, 5).Select(i => (long)i * i)), squares - 1, squares + 1);
                }
            }
        }
    }

    // The size of the last model and how long it took (for a campaign's log).
    private static string? _statistics;

    public static string? Statistics { get => _statistics; private set => _statistics = value; }

    private static IEnumerable<JsonNode> Groups(JsonNode ranking) => ranking["breakdown"]!["groups"]!.AsArray().Select(g => g!);

    private static string Value(JsonNode group) => group["value"]?.GetValue<string>() ?? "";

    private static long? Long(JsonNode? node) => node?.GetValue<long>();

    // Who the respondents are, as far as the published figures are concerned, and no more. Each respondent is of a type:
    // did not answer the concern question, or answered it and named this set of concerns. Every breakdown is published
    // on its own (a margin), except age group × gender, which the weights cross and which is one table here. So the
    // unknowns are, per view (area, age group × gender, channel, each single-choice question) and type, how many
    // respondents of the type are in each of its groups, and every view holds the same number of each type. That is
    // exact: given each view's counts per type, the respondents of a type can always be placed in a table crossing all
    // the views (any margins with the same total fit some table), so these counts are consistent with everything
    // published exactly when some set of answers is. It is much smaller than the table crossing every breakdown.
    private sealed class People
    {
        public static readonly Func<int, bool> Respondents = _ => true;
        public static readonly Func<int, bool> Answered = type => type >= 0;

        private readonly IReadOnlyList<string> _concerns;
        private readonly IntVar[] _types;
        private readonly List<(string[] Dimensions, List<string[]> Keys, IntVar[][] Counts)> _views = [];
        private readonly int _typeCount;

        public People(SurveyDefinition survey, Publication published, CpModel model, long bound)
        {
            _concerns = survey.Concerns;
            if (_concerns.Count > 10) throw new InvalidOperationException("Too many concerns for a type per set of them.");
            _typeCount = (1 << _concerns.Count) + 1;
            _types = Enumerable.Range(0, _typeCount).Select(t => model.NewIntVar(0, bound, $"type{t}")).ToArray();

            string[][] views = [[Dimensions.Area], [Dimensions.AgeGroup, Dimensions.Gender], [Dimensions.Channel],
                .. Dimensions.For(survey).Where(d => !Dimensions.Breakdowns.Contains(d)).Select(d => new[] { d })];
            foreach (var dimensions in views)
            {
                var keys = dimensions.Aggregate((IEnumerable<string[]>)[[]],
                    (acc, d) => acc.SelectMany(prefix => Attacker.Groups(published.ByDimension[d]).Select(g => (string[])[.. prefix, Value(g)]))).ToList();
                var counts = keys.Select((_, k) => Enumerable.Range(0, _typeCount).Select(t => model.NewIntVar(0, bound, $"{string.Join('×', dimensions)}{k}:{t}")).ToArray()).ToArray();
                for (var t = 0; t < _typeCount; t++) model.Add(LinearExpr.Sum(counts.Select(c => c[t])) == _types[t]);
                _views.Add((dimensions, keys, counts));
                Size += keys.Count * _typeCount;
            }
        }

        public int Size { get; }

        public IEnumerable<(string Age, string Gender)> AgeGenderCells => _views[1].Keys.Select(k => (k[0], k[1]));

        // Named the concern: the types that answered and whose set holds it.
        public Func<int, bool> Named(string concern)
        {
            var bit = 1 << _concerns.ToList().IndexOf(concern);
            return type => type >= 0 && (type & bit) != 0;
        }

        public LinearExpr Everyone(Func<int, bool> type) => LinearExpr.Sum(Types(type).Select(t => _types[t]));

        public LinearExpr Group(string dimension, string value, Func<int, bool> type) => Groups(dimension, v => v == value, type);

        public LinearExpr Groups(string dimension, Func<string, bool> value, Func<int, bool> type)
        {
            var (dimensions, keys, counts) = _views.Single(v => v.Dimensions.Contains(dimension));
            var at = Array.IndexOf(dimensions, dimension);
            var types = Types(type).ToList();
            return LinearExpr.Sum(keys.Select((k, i) => (k, i)).Where(x => value(x.k[at])).SelectMany(x => types.Select(t => counts[x.i][t])));
        }

        // A weighted sum over the age group × gender cells.
        public LinearExpr AgeByGender(Func<string, string, long> weight, Func<int, bool> type)
        {
            var (_, keys, counts) = _views[1];
            var types = Types(type).ToList();
            var terms = keys.Select((k, i) => (Weight: weight(k[0], k[1]), i)).Where(x => x.Weight != 0).SelectMany(x => types.Select(t => (Var: counts[x.i][t], x.Weight))).ToList();
            return LinearExpr.WeightedSum(terms.Select(x => x.Var), terms.Select(x => x.Weight));
        }

        // The types by index: 0 … 2^n − 1 a set of concerns named (answered), the last "did not answer".
        private IEnumerable<int> Types(Func<int, bool> type) => Enumerable.Range(0, _typeCount).Where(i => type(i == _typeCount - 1 ? -1 : i));
    }
}
