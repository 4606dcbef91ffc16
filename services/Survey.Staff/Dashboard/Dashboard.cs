using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Municipalities;
using Survey.Domain.Ranking;
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
    SurveyDefinition Survey, RankingResponse Ranking, ChannelReport Channels, string By, IReadOnlyList<QuestionResultView> Questions)
{
    // Weights the analyst gave that could not be used (the defaults are used instead), and the weights as a query string
    // ("&weightDialogues=0.5") that the export links carry, so an export says what the page says.
    public IReadOnlyList<string> WeightErrors { get; init; } = [];
    public FusionWeights Weights { get; init; } = FusionWeights.Default;
    public string WeightsQuery => Dashboard.WeightsQuery(Weights);
}

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
                    Analyst = user.HasClaim(StaffClaims.Role, StaffRoles.Admin) || user.HasClaim(StaffClaims.Role, StaffRoles.Analyst),
                }))
            // Also for those who only hold dialogues: sign-in lands here, and the list leads them to the dialogue pages.
            .RequireAuthorization(StaffPolicies.DialogueReader);

        pages.MapGet("/dashboard/{slug}", async (string slug, string? by, ClaimsPrincipal user,
                string? weightSurvey, string? weightDialogues, string? weightFreeText, string? weightCrimeStatistics,
                SurveyReports reports, TimeProvider clock, CancellationToken ct) =>
            {
                // One read through the disclosure gate: the ranking, the breakdown, the channels and the days all come from it.
                if (await reports.ReadAsync(slug, withDays: true, ct) is not (var survey, var published, var evidence))
                    return StaffSignIn.Page<StaffMessage>(new { Title = "Enkäten finns inte", Message = $"Det finns ingen enkät med koden {slug}." },
                        StatusCodes.Status404NotFound);
                if (!user.CanSee(survey.MunicipalityCode))
                    return StaffSignIn.Refused($"Du har inte tillgång till uppgifter för {MunicipalityName(survey.MunicipalityCode)} kommun.");
                // ?by= takes what the ranking's does: a standard breakdown or the code of a single-choice question of the
                // survey's own. The first view is by area when the survey has areas, else by age group.
                by = (by is null ? null : Dimensions.Named(survey, by)) ?? (survey.Areas.Count > 0 ? Dimensions.Area : Dimensions.AgeGroup);
                var weightErrors = new Dictionary<string, string[]>();
                var weights = FusionWeights.From(weightSurvey, weightDialogues, weightFreeText, weightCrimeStatistics, weightErrors);
                if (weightErrors.Count > 0) weights = FusionWeights.Default;
                var ranking = RankingReportBuilder.Build(published, by, clock, evidence, weights);
                return StaffSignIn.Page<DashboardPage>(new
                {
                    Model = new DashboardModel(survey, ranking, ChannelsApi.Report(published), by, QuestionsApi.Views(published))
                    {
                        WeightErrors = weightErrors.Select(e => SwedishWeightError(e.Key, e.Value)).ToList(),
                        Weights = weights,
                    },
                });
            })
            .RequireAuthorization(StaffPolicies.Analyst);
        return app;
    }

    // The weights that differ from the defaults, as query parameters: the export links carry them, and the breakdown form as fields.
    public static IReadOnlyList<(string Name, string Value)> ChangedWeights(FusionWeights weights) => EvidenceSources.All
        .Where(s => weights.Of(s) != FusionWeights.Default.Of(s))
        .Select(s => (FusionWeights.Parameter(s), weights.Of(s).ToString(CultureInfo.InvariantCulture)))
        .ToList();

    public static string WeightsQuery(FusionWeights weights) => string.Concat(ChangedWeights(weights).Select(w => $"&{w.Name}={w.Value}"));

    // What was wrong with a weight, in the page's language (the API's 400 says it in English).
    private static string SwedishWeightError(string parameter, string[] errors) =>
        errors.Any(e => e.StartsWith("At least one", StringComparison.Ordinal)) ? "Minst en vikt måste vara större än 0."
        : EvidenceSources.All.FirstOrDefault(s => FusionWeights.Parameter(s) == parameter) is { } source
            ? $"Vikten för {EvidenceSources.Swedish(source).ToLower(Swedish)} ska vara ett tal från 0 till 100, till exempel 0,25."
            : parameter;

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

    // A rate per 100 000 residents as Brå writes it: "1 234,5".
    public static string Rate(double x) => x.ToString("#,##0.0", Swedish);

    // A change in rate with its sign: "+12,3", "−4,0" (a real minus sign, as the page's other changes).
    public static string SignedRate(double x) => (x > 0 ? "+" : x < 0 ? "−" : "±") + Math.Abs(x).ToString("#,##0.0", Swedish);

    // A mean on the 1–5 scale: "3,4".
    public static string Mean(double x) => x.ToString("0.0", Swedish);

    public static string Coordinate(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);

    private static IResult Asset(string name) => EmbeddedAssets.Serve(typeof(Dashboard).Assembly, "staff-assets.", name);
}
