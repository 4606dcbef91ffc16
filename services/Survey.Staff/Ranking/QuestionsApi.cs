using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Disclosure;
using Survey.Domain.Questions;
using Survey.Domain.Ranking;
using Survey.Staff.Access;
using Survey.Staff.Disclosure;
using Survey.Store;

namespace Survey.Staff.Ranking;

// One option or scale step: its count and share of those who answered, with the 95 % Wilson interval; null where hidden.
public sealed record QuestionValueView(string Code, string Label, long? Count, double? Share, double? CiLow, double? CiHigh, bool Hidden)
{
    // The change since the previous survey (its share then, the change and Newcombe's interval), when both may be shown.
    public ShareChange? Trend { get; init; }

    // The previous survey had this value too, but the disclosure gate hides a count under the change.
    public bool TrendHidden { get; init; }
}

public sealed record QuestionMeanView(double Mean, double CiLow, double CiHigh, long Answers)
{
    public static QuestionMeanView? From(PublishedMean? m) => m is null ? null : new(m.Mean, m.CiLow, m.CiHigh, m.Answers);
}

// The same municipality's previous survey and its figures for the question with the same code. Compared: it was asked
// with the same type (else Note says why there is no comparison). MethodChange: its wording differed ("metodbyte"), and
// Note says how, in Swedish.
public sealed record QuestionComparisonView(
    string PreviousSurvey, DateOnly PledgePeriodStart, DateOnly PledgePeriodEnd, bool Compared, bool MethodChange, string? Note,
    long? PreviousAnswered, QuestionMeanView? PreviousMean);

// A question of the survey's own with its results, every figure through the disclosure gate.
public sealed record QuestionResultView(
    string Code,
    string Type,
    IReadOnlyDictionary<string, string> Label,
    long? Answered,
    IReadOnlyList<QuestionValueView> Values,
    QuestionMeanView? Mean,
    IReadOnlyList<DateTimeOffset> WordingCorrected,
    string SuppressionRule)
{
    // Against the previous survey; null when the municipality has none.
    public QuestionComparisonView? Comparison { get; init; }
}

public static class QuestionsApi
{
    public static IEndpointRouteBuilder MapQuestionResults(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/surveys/{slug}/questions/{code}", async Task<Results<Ok<QuestionResultView>, FileContentHttpResult, ProblemHttpResult, ValidationProblem>> (
                string slug, string code, string? format, string? dialect, ISurveyStore surveys, SurveyFigures figures, TimeProvider clock, CancellationToken ct) =>
            {
                if (format is not (null or "csv"))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Use format=csv, or leave it out for JSON."] });
                if (dialect is not (null or "excel-sv" or "rfc4180"))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["dialect"] = ["Use rfc4180, or leave it out for Swedish Excel."] });
                if (await surveys.FindAsync(slug, ct) is not { } survey)
                    return TypedResults.Problem($"There is no survey '{slug}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
                if (survey.Question(code) is null)
                    return TypedResults.Problem((survey.Questions ?? []).Count == 0
                        ? $"The survey '{slug}' has no questions of its own."
                        : $"'{code}' is not one of the survey's questions: {string.Join(", ", survey.Questions!.Select(q => q.Code))}.",
                        statusCode: StatusCodes.Status404NotFound, title: "No such question.");
                var published = await figures.ReadAsync(survey, withDays: false, ct);
                var view = Views(published).Single(q => q.Code == code);
                if (format == "csv")
                {
                    var ranking = RankingReportBuilder.Build(published, null, clock);
                    return TypedResults.File(CsvExport.Write(dialect == "rfc4180" ? CsvDialect.Rfc4180 : CsvDialect.Swedish,
                            ReportTables.About(ranking, survey), ReportTables.Questions([view])),
                        "text/csv; charset=utf-8", $"fraga-{slug}-{code}-{ranking.GeneratedAt:yyyy-MM-dd}.csv");
                }
                return TypedResults.Ok(view);
            })
            .WithTags("Ranking")
            .RequireAuthorization(StaffPolicies.Analyst)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetQuestionResults")
            .WithSummary("Results of one of the survey's own questions")
            .WithDescription("Choice questions: per option its count and share of those who answered, with a 95 % Wilson interval. Scale: the " +
                "distribution over 1–5 and \"vet-inte\", and the mean of 1–5 with its 95 % interval. Text: how many answered (the texts are not " +
                "published). Against the same municipality's previous survey (comparison): when it asked a question with the same code and " +
                "type, each value's trend (its share then, the change and its interval), the number who answered then and the mean then; " +
                "methodChange and a Swedish note (\"Metodbyte: …\") when its Swedish wording or options differed; no comparison, and a note " +
                "saying why, when the type differed or it was not asked. Every figure has passed the disclosure gate: a hidden figure is null, " +
                "the mean is shown only when no step is hidden, and a trend only when both surveys may show the counts under it. " +
                "format=csv exports the same table.");
        return staff;
    }

    public static List<QuestionResultView> Views(PublishedSurvey published) => published.Questions.Select(q => new QuestionResultView(
            q.Question.Code,
            q.Question.Type,
            q.Question.Label,
            q.Answered,
            q.Values.Select(v => new QuestionValueView(v.Value, ValueLabel(q.Question, v.Value), v.Count, v.Share, v.CiLow, v.CiHigh, v.Count is null)
                {
                    Trend = v.Trend,
                    TrendHidden = v.TrendHidden,
                }).ToList(),
            QuestionMeanView.From(q.Mean),
            (published.Survey.WordingCorrections ?? []).Where(c => c.Question == q.Question.Code).Select(c => c.At).ToList(),
            DisclosureRule.English(published.Survey))
        {
            Comparison = q.Comparison is { } c
                ? new QuestionComparisonView(c.Previous.Slug, c.Previous.PledgePeriodStart, c.Previous.PledgePeriodEnd, c.Compared, c.MethodChange, c.Note,
                    c.PreviousAnswered, QuestionMeanView.From(c.PreviousMean))
                : null,
        })
        .ToList();

    // How a value reads in Swedish: an option's label, a scale step, "Vet inte".
    public static string ValueLabel(LocalQuestion q, string value) =>
        q.Options?.FirstOrDefault(o => o.Code == value)?.LabelIn("sv") ?? (value == QuestionTypes.DontKnow ? "Vet inte" : value);
}
