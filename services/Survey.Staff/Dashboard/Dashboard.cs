using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Municipalities;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;
using Survey.ServiceDefaults;
using Survey.Staff.Access;
using Survey.Staff.Channels;
using Survey.Staff.Disclosure;
using Survey.Staff.Ranking;
using Survey.Store;

namespace Survey.Staff.Dashboard;

public sealed record DashboardModel(SurveyDefinition Survey, RankingResponse Ranking, ChannelReport Channels, string By);

/// <summary>
/// The analyst's page, /staff/dashboard/{slug}: rendered on the server from the same suppressed
/// views as the API and the exports, so it works without JavaScript and prints as it looks.
/// </summary>
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
                ISurveyStore surveys, SurveyFigures figures, TimeProvider clock, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is not { } survey)
                    return StaffSignIn.Page<StaffMessage>(new { Title = "Enkäten finns inte", Message = $"Det finns ingen enkät med koden {slug}." },
                        StatusCodes.Status404NotFound);
                if (!user.CanSee(survey.MunicipalityCode))
                    return StaffSignIn.Refused($"Du har inte tillgång till uppgifter för {MunicipalityName(survey.MunicipalityCode)} kommun.");
                // First view: by area when the survey has areas, else by age group.
                by = by is not null && Dimensions.Breakdowns.Contains(by) ? by : survey.Areas.Count > 0 ? Dimensions.Area : Dimensions.AgeGroup;
                // One read through the disclosure gate: the ranking, the breakdown, the channels and the days all come from it.
                var published = await figures.ReadAsync(survey, withDays: true, ct);
                var ranking = RankingReportBuilder.Build(published, by, clock);
                return StaffSignIn.Page<DashboardPage>(new { Model = new DashboardModel(survey, ranking, ChannelsApi.Report(published), by) });
            })
            .RequireAuthorization(StaffPolicies.Analyst);
        return app;
    }

    public static string MunicipalityName(string code) => MunicipalityRegistry.TryGet(code, out var m) ? m.Name : code;

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Stockholm).ToString("d MMMM yyyy", Swedish);

    public static string Percent(double? share) => ProposalText.Percent(share);

    /// <summary>"38–44 %", or nothing when the interval is hidden.</summary>
    public static string Range(double? low, double? high) => low is null || high is null ? "" : ProposalText.Range(low, high);

    /// <summary>A change in share as signed percentage points: "+6", "−3".</summary>
    public static string Points(double change) => ProposalText.SignedPoints((int)Math.Round(change * 100, MidpointRounding.AwayFromZero));

    public static string Number(long? n) => n is { } v ? ProposalText.Number(v) : "";

    public static string Coordinate(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);

    private static IResult Asset(string name) => EmbeddedAssets.Serve(typeof(Dashboard).Assembly, "staff-assets.", name);
}
