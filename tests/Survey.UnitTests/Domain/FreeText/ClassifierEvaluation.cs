using System.Globalization;
using System.Text;
using Survey.Domain.Concerns;

namespace Survey.UnitTests.Domain.FreeText;

// A labelled answer: the text and the concerns a person read in it.
public sealed record LabelledAnswer(int Line, string Text, IReadOnlySet<string> Concerns);

public sealed record ConcernScore(string Concern, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}

// Precision and recall of a classifier on a labelled file (text<TAB>concerns, codes separated by ",",
// a header line first), per concern and micro-averaged over the concern labels. Written once so the
// held-out file is scored exactly as the development file is.
public sealed class ClassifierEvaluation
{
    public required IReadOnlyList<ConcernScore> PerConcern { get; init; }
    public required ConcernScore Overall { get; init; }
    public required IReadOnlyList<(LabelledAnswer Answer, IReadOnlyList<string> Found)> Mistakes { get; init; }
    public required int Answers { get; init; }
    public required int AnswersWithoutConcern { get; init; }

    public static IReadOnlyList<LabelledAnswer> Read(string path)
    {
        var answers = new List<LabelledAnswer>();
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var tab = lines[i].LastIndexOf('\t');
            if (tab < 0) throw new FormatException($"{path} line {i + 1}: no tab between the text and its concerns.");
            var codes = lines[i][(tab + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var code in codes)
                if (!ConcernTaxonomy.TryGet(code, out _)) throw new FormatException($"{path} line {i + 1}: '{code}' is not a concern code.");
            answers.Add(new LabelledAnswer(i + 1, lines[i][..tab], codes.ToHashSet(StringComparer.Ordinal)));
        }
        return answers;
    }

    public static ClassifierEvaluation Score(IReadOnlyList<LabelledAnswer> answers, Func<string, IReadOnlyList<string>> classify)
    {
        var counts = ConcernTaxonomy.All.ToDictionary(c => c.Code, _ => (Tp: 0, Fp: 0, Fn: 0), StringComparer.Ordinal);
        var mistakes = new List<(LabelledAnswer, IReadOnlyList<string>)>();
        foreach (var answer in answers)
        {
            var found = classify(answer.Text);
            foreach (var code in found)
            {
                var c = counts[code];
                counts[code] = answer.Concerns.Contains(code) ? c with { Tp = c.Tp + 1 } : c with { Fp = c.Fp + 1 };
            }
            foreach (var code in answer.Concerns.Where(code => !found.Contains(code)))
                counts[code] = counts[code] with { Fn = counts[code].Fn + 1 };
            if (!answer.Concerns.SetEquals(found)) mistakes.Add((answer, found));
        }
        var per = counts.Select(p => new ConcernScore(p.Key, p.Value.Tp, p.Value.Fp, p.Value.Fn)).ToList();
        return new ClassifierEvaluation
        {
            PerConcern = per,
            Overall = new ConcernScore("overall", per.Sum(s => s.TruePositives), per.Sum(s => s.FalsePositives), per.Sum(s => s.FalseNegatives)),
            Mistakes = mistakes,
            Answers = answers.Count,
            AnswersWithoutConcern = answers.Count(a => a.Concerns.Count == 0),
        };
    }

    public string Table()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{Answers} answers, {AnswersWithoutConcern} naming no concern");
        table.AppendLine(CultureInfo.InvariantCulture, $"{"concern",-22} {"labels",6} {"tp",4} {"fp",4} {"fn",4} {"precision",9} {"recall",7}");
        foreach (var s in PerConcern.Append(Overall))
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{s.Concern,-22} {s.TruePositives + s.FalseNegatives,6} {s.TruePositives,4} {s.FalsePositives,4} {s.FalseNegatives,4} {s.Precision,9:0.000} {s.Recall,7:0.000}");
        }
        return table.ToString();
    }
}
