using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Survey.Ranking.Access;
using Survey.Ranking.Channels;
using Survey.Ranking.Dashboard;
using Survey.Ranking.Disclosure;
using Microsoft.Extensions.DependencyInjection;
using Survey.Ranking.Invitations;
using Survey.Ranking.Ranking;
using Survey.Ranking.Surveys;
using Survey.Store;

namespace Survey.Ranking;

public static class RankingModule
{
    public static IHostApplicationBuilder AddStaffApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddScoped<SurveyFigures>();
        builder.Services.AddSingleton<PublishedSurveyCache>();
        return builder.AddSurveyStore().AddStaffAccess();
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
        staff.MapSurveyAdministration().MapPopulation().MapRanking().MapQuestionResults().MapChannels().MapInvitations();

        // The analyst's pages under /staff/: a session started with a token or at the OpenID Connect provider.
        app.MapStaffSignIn();
        app.MapDashboard();
        // /internal/v1 is not mapped here: only the Ranking API serves it (MapInternalApi), the embedded host never.
        return app;
    }
}
