using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Domain.Disclosure;

namespace Survey.Staff.Ranking;

// The ranking's downloads: CSV (the ranking, or one breakdown), the workbook and the JSON export, each written
// from the one report and the gate's figures, and each starting with what the report is about.
public static class RankingExports
{
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static FileContentHttpResult File(PublishedSurvey published, RankingResponse ranking, string format, string? dialect, string? by)
    {
        var survey = published.Survey;
        var name = $"rangordning-{survey.Slug}{(by is null || format != "csv" ? "" : "-" + by)}-{ranking.GeneratedAt:yyyy-MM-dd}";
        switch (format)
        {
            case "csv":
                var table = ranking.Breakdown is { } b ? ReportTables.Breakdown(ranking, b) : ReportTables.Ranking(ranking);
                // The ranking's CSV has the crime statistics as a section after the ranking, when there are any.
                ReportTable[] crime = ranking.Breakdown is null && ReportTables.CrimeStatistics(ranking) is { } c ? [c] : [];
                return TypedResults.File(CsvExport.Write(dialect == "rfc4180" ? CsvDialect.Rfc4180 : CsvDialect.Swedish,
                        [ReportTables.About(ranking, survey), table, .. crime]),
                    "text/csv; charset=utf-8", name + ".csv");
            case "xlsx":
                return TypedResults.File(XlsxExport.Write(
                    [
                        ReportTables.About(ranking, survey), ReportTables.Ranking(ranking), ReportTables.Proposal(ranking),
                        .. ReportTables.Evidence(ranking) is { } evidence ? [evidence] : Array.Empty<ReportTable>(),
                        .. ReportTables.CrimeStatistics(ranking) is { } crimeSheet ? [crimeSheet] : Array.Empty<ReportTable>(),
                        .. RankingReportBuilder.AllBreakdowns(published).Select(x => ReportTables.Breakdown(ranking, x)),
                        .. ReportTables.Weights(ranking) is { } weights ? [weights] : Array.Empty<ReportTable>(),
                        .. published.Questions.Count > 0 ? [ReportTables.Questions(QuestionsApi.Views(published))] : Array.Empty<ReportTable>(),
                    ]),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
            case "json":
                var export = ranking with { Breakdowns = RankingReportBuilder.AllBreakdowns(published), Questions = QuestionsApi.Views(published) };
                return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(export, ExportJson), "application/json", name + ".json");
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Not an export format.");
        }
    }
}
