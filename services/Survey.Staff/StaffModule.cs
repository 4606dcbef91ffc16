using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Survey.Staff.Access;
using Survey.Staff.Channels;
using Survey.Staff.CrimeStatistics;
using Survey.Staff.Dashboard;
using Survey.Staff.Dialogues;
using Survey.Staff.Disclosure;
using Survey.Staff.FreeText;
using Survey.Staff.Invitations;
using Survey.Staff.Pledges;
using Survey.Staff.Ranking;
using Survey.Staff.Surveys;
using Survey.Store;

namespace Survey.Staff;

public static class StaffModule
{
    public static IHostApplicationBuilder AddStaffApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddScoped<SurveyFigures>();
        builder.Services.AddScoped<RankingEvidence>();
        builder.Services.AddSingleton<PublishedSurveyCache>();
        builder.Services.AddScoped<SurveyReports>().AddSingleton<SurveyReports.Cache>();
        builder.Services.AddScoped<PublicResultsReader>().AddPledgesToOpenApi();
        builder.Services.AddDialogues();
        return builder.AddSurveyStore().AddReportChangeListener().AddStaffAccess();
    }

    public static WebApplication MapStaffApi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();

        // Every staff endpoint needs a token with a staff role, and sees only granted municipalities.
        var staff = app.MapGroup("/api/v1/staff")
            .RequireAuthorization(StaffPolicies.Staff)
            .AddEndpointFilter(StaffAccess.MunicipalityFilter)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapSurveyAdministration().MapPopulation().MapRanking().MapQuestionResults().MapChannels().MapInvitations().MapPledges().MapFreeText();
        staff.MapCrimeStatistics();
        // Dialogues have roles of their own (dialog holds no other staff role), so their group asks each endpoint's policy only.
        app.MapGroup("/api/v1/staff")
            .AddEndpointFilter(StaffAccess.MunicipalityFilter)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapDialogues();

        // The analyst's pages under /staff/: a session started with a token or at the OpenID Connect provider.
        app.MapStaffSignIn();
        app.MapDashboard();
        app.MapDialoguePages();
        // /internal/v1 is not mapped here: only the Staff API serves it (MapInternalApi), the embedded host never.
        return app;
    }
}
