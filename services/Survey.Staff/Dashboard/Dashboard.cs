using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Municipalities;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.ServiceDefaults;
using Survey.Staff.Access;
using Survey.Staff.Channels;
using Survey.Staff.Disclosure;
using Survey.Staff.Ranking;
using Survey.Store;

namespace Survey.Staff.Dashboard;

// By is the breakdown dimension shown ("area", or "question:<code>" for a single-choice question of the survey's own);
// Questions are the survey's own questions as GET …/questions/{code} gives them.
public sealed record DashboardModel(
    SurveyDefinition Survey, RankingResponse Ranking, ChannelReport Channels, string By, IReadOnlyList<QuestionResultView> Questions);

// The analyst's page, /staff/dashboard/{slug}: rendered on the server from the same suppressed
// views as the API and the exports, so it works without JavaScript and prints as it looks.
public static class Dashboard
{
    public static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/staff").ExcludeFromDescription();
        pages.MapGet("/assets/{name}", Asset);
        pages.MapGet("/", () => Results.Redirect("/staff/dashboard"));

        pages.MapGet("/dashboard", async (ClaimsPrincipal user, ISurveyStore surveys, CancellationToken ct) =>
                StaffSignIn.Page<SurveyListPage>(new
                {
                    Surveys = (await surveys.ListAsync(ct)).Where(s => user.CanSee(s.MunicipalityCode))
                        .OrderByDescending(s => s.PledgePeriodStart).ThenBy(s => s.Slug, StringComparer.Ordinal).ToList(),
                }))
            .RequireAuthorization(StaffPolicies.Analyst);

        pages.MapGet("/dashboard/{slug}", async (string slug, string? by, ClaimsPrincipal user,
                ISurveyStore surveys, SurveyFigures figures, Dialogues.DialogueFigures dialogues, TimeProvider clock, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is not { } survey)
                    return StaffSignIn.Page<StaffMessage>(new { Title = "Enkäten finns inte", Message = $"Det finns ingen enkät med koden {slug}." },
                        StatusCodes.Status404NotFound);
                if (!user.CanSee(survey.MunicipalityCode))
                    return StaffSignIn.Refused($"Du har inte tillgång till uppgifter för {MunicipalityName(survey.MunicipalityCode)} kommun.");
                // ?by= takes what the ranking's does: a standard breakdown or the code of a single-choice question of the
                // survey's own. The first view is by area when the survey has areas, else by age group.
                by = (by is null ? null : Dimensions.Named(survey, by)) ?? (survey.Areas.Count > 0 ? Dimensions.Area : Dimensions.AgeGroup);
                // One read through the disclosure gate: the ranking, the breakdown, the channels and the days all come from it.
                var published = await figures.ReadAsync(survey, withDays: true, ct);
                var ranking = RankingReportBuilder.Build(published, by, clock, await dialogues.ReadAsync(survey, ct));
                return StaffSignIn.Page<DashboardPage>(new
                {
                    Model = new DashboardModel(survey, ranking, ChannelsApi.Report(published), by, QuestionsApi.Views(published)),
                });
            })
            .RequireAuthorization(StaffPolicies.Analyst);
        return app;
    }

    // The survey as the page names it: its title, with the code when the title does not already show it
    // (the demo survey's title ends in "(demo)", and "Kalix (demo) (demo)" says nothing twice).
    public static string SurveyName(SurveyDefinition survey) =>
        survey.Title is not { Length: > 0 } title ? survey.Slug
        : title.Contains($"({survey.Slug})", StringComparison.Ordinal) ? title
        : $"{title} ({survey.Slug})";

    // What a breakdown is called in a table heading ("Område", "Svar") and in running text ("område", "svar på frågan ”…”").
    public static string BreakdownName(string dimension) =>
        Question(dimension) is null ? ReportTables.BreakdownName(dimension) : "Svar";

    public static string BreakdownPhrase(SurveyDefinition survey, string dimension) =>
        Question(dimension) is { } code && survey.Question(code) is { } q
            ? $"svar på frågan ”{q.LabelIn("sv")}”"
            : ReportTables.BreakdownName(dimension).ToLower(Swedish);

    // The code of the survey's own question a dimension breaks down by, or null for a standard breakdown.
    private static string? Question(string dimension) =>
        dimension.StartsWith(Dimensions.QuestionPrefix, StringComparison.Ordinal) ? Dimensions.ByName(dimension) : null;

    // A breakdown group as it reads: channels by their readable names, every other group as the ranking labels it.
    public static string GroupLabel(string dimension, BreakdownGroup group) =>
        dimension == Dimensions.Channel && group.Value is { } channel ? ChannelCode.Label(channel) : group.Label;

    public static string ChannelLabel(string? channel) => channel is null ? "Direktlänk" : ChannelCode.Label(channel);

    public static string MunicipalityName(string code) => MunicipalityRegistry.TryGet(code, out var m) ? m.Name : code;

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Stockholm).ToString("d MMMM yyyy", Swedish);

    public static string Percent(double? share) => ProposalText.Percent(share);

    // "38–44 %", or nothing when the interval is hidden.
    public static string Range(double? low, double? high) => low is null || high is null ? "" : ProposalText.Range(low, high);

    // A change in share as signed percentage points: "+6", "−3".
    public static string Points(double change) => ProposalText.SignedPoints((int)Math.Round(change * 100, MidpointRounding.AwayFromZero));

    public static string Number(long? n) => n is { } v ? ProposalText.Number(v) : "";

    // A mean on the 1–5 scale: "3,4".
    public static string Mean(double x) => x.ToString("0.0", Swedish);

    public static string Coordinate(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);

    private static IResult Asset(string name) => EmbeddedAssets.Serve(typeof(Dashboard).Assembly, "staff-assets.", name);
}
