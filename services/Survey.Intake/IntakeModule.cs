using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Survey.Intake.Invitations;
using Survey.Intake.Questionnaire;
using Survey.Intake.RateLimiting;
using Survey.Intake.Responses;
using Survey.Intake.Feedback;
using Survey.Intake.Surveys;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.Intake;

public static class IntakeModule
{
    // The header the Staff API reads Intake's service key from.
    public const string ServiceKeyHeader = "X-Service-Key";

    // Response intake. Survey definitions come over HTTP from Intake:StaffApi unless the host
    // registered an ISurveyDefinitionSource of its own (the embedded host does).
    public static IHostApplicationBuilder AddResponseIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration("Intake").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PublishRetry>();
        builder.Services.TryAddSingleton<SurveyMetrics>();
        builder.Services.AddScoped<ResponsePublisher>();
        builder.Services.AddScoped<ResponseSubmission>();
        builder.Services.AddClientRateLimiting();
        builder.Services.AddRazorComponents();
        SiteOptions.Register(builder.Services);
        builder.Services.AddResponseSchemaToOpenApi();
        if (!builder.Services.Any(d => d.ServiceType == typeof(ISurveyDefinitionSource)))
        {
            // Distributed mode: without the Staff API's address and key Intake could answer no resident, so it does not start.
            builder.Services.AddOptions<IntakeOptions>()
                .Validate(o => o.StaffApi is not null,
                    "Intake:StaffApi is required in distributed mode: the Staff API's base address (e.g. http://127.0.0.1:5052/).")
                .Validate(o => o.StaffApiKey is { Length: >= 32 },
                    "Intake:StaffApiKey is required in distributed mode: the service key (32+ characters) that the Staff API has as InternalApi:IntakeKey.");
            builder.Services.AddHttpClient(HttpSurveyDefinitionSource.ClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<IntakeOptions>>().Value;
                http.BaseAddress = options.StaffApi;
                http.DefaultRequestHeaders.Add(ServiceKeyHeader, options.StaffApiKey);
            });
            builder.Services.AddSingleton<ISurveyDefinitionSource, HttpSurveyDefinitionSource>();
            builder.Services.AddSingleton<IInvitationRedeemer, HttpInvitationRedeemer>();
            builder.Services.AddSingleton<IPublicResultsSource, HttpPublicResultsSource>();
        }
        return builder;
    }

    // Group commit for a host whose bus is RabbitMQ (Survey.Intake.Api): responses arriving together are published and
    // confirmed together. Call after AddResponseIntake.
    public static IHostApplicationBuilder AddGroupedPublishing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new GroupedResponsePublisher(
            sp.GetRequiredService<MassTransit.IBus>(), sp.GetRequiredService<PublishRetry>(), sp.GetRequiredService<IOptions<IntakeOptions>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupedResponsePublisher>());
        return builder;
    }

    // The resident side: the questionnaire pages, the share kit and the public API, all rate-limited per client.
    public static WebApplication MapIntake(this WebApplication app)
    {
        app.UseRateLimiter();
        app.CountAnswersRefusedByRouting();
        app.MapQuestionnairePages();
        app.MapSharing();
        app.MapResponseIntake();
        return app;
    }
}
