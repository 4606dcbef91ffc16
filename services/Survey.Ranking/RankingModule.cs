using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Survey.Ranking.Channels;
using Survey.Ranking.Invitations;
using Survey.Ranking.Ranking;
using Survey.Ranking.Surveys;
using Survey.Store;

namespace Survey.Ranking;

public static class RankingModule
{
    public static IHostApplicationBuilder AddStaffApi(this IHostApplicationBuilder builder) => builder.AddSurveyStore();

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app) =>
        app.MapSurveyAdministration().MapRanking().MapChannels().MapInvitations();
}
