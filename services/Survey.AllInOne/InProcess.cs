using MassTransit.Mediator;
using MassTransit;
using Survey.Domain.Pledges;
using Survey.Domain.Surveys;
using Survey.Intake.Invitations;
using Survey.Intake.Feedback;
using Survey.Intake.Surveys;
using Survey.Intake;
using Survey.Staff.Pledges;
using Survey.Store;
using Survey.Tallying;

namespace Survey.AllInOne;

public static class InProcess
{
    // MassTransit's mediator runs the tally and dialogue consumers inside the publishing call, so Intake's (and the
    // dialogue API's) publish returns only after the response (dialogue) is committed to the store: accepted means durable here too.
    public static IHostApplicationBuilder AddInProcessBus(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMediator(x =>
        {
            x.AddTallyConsumer();
            x.AddDialogueConsumer();
        });
        builder.Services.AddScoped<IPublishEndpoint>(sp => sp.GetRequiredService<IScopedMediator>());
        builder.Services.AddSingleton<ISurveyDefinitionSource, StoreSurveyDefinitions>();
        builder.Services.AddSingleton<IInvitationRedeemer, StoreInvitations>();
        builder.Services.AddSingleton<IPublicResultsSource, StaffPublicResults>();
        return builder;
    }

    private sealed class StoreInvitations(IInvitationStore store) : IInvitationRedeemer
    {
        public Task<InvitationState> RedeemAsync(string surveySlug, string code, CancellationToken ct) =>
            store.RedeemAsync(surveySlug, InvitationCode.Hash(code), ct);

        public Task ReleaseAsync(string surveySlug, string code, CancellationToken ct) =>
            store.ReleaseAsync(surveySlug, InvitationCode.Hash(code), ct);
    }

    // Survey definitions straight from the store: Intake and the store share a process here.
    private sealed class StoreSurveyDefinitions(ISurveyStore store) : ISurveyDefinitionSource
    {
        public Task<SurveyDefinition?> FindAsync(string slug, CancellationToken ct) => store.FindAsync(slug, ct);
    }

    // The results page's figures straight from the staff module's reader (the disclosure gate's), in a scope of its own
    // as each staff request has.
    private sealed class StaffPublicResults(IServiceScopeFactory scopes) : IPublicResultsSource
    {
        public async Task<PublicResults?> FindAsync(string slug, CancellationToken ct)
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PublicResultsReader>().ReadAsync(slug, ct);
        }
    }
}
