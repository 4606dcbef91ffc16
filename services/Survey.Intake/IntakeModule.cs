using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Survey.Intake;

public static class IntakeModule
{
    /// <summary>
    /// Response intake. Survey definitions come over HTTP from <c>Intake:RankingApi</c> unless the host
    /// registered an <see cref="ISurveyDefinitionSource"/> of its own (the embedded host does).
    /// </summary>
    public static IHostApplicationBuilder AddResponseIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration("Intake").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PublishRetry>();
        builder.Services.AddScoped<ResponsePublisher>();
        builder.Services.AddScoped<ResponseSubmission>();
        builder.Services.AddClientRateLimiting();
        builder.Services.AddRazorComponents();
        if (!builder.Services.Any(d => d.ServiceType == typeof(ISurveyDefinitionSource)))
        {
            builder.Services.AddHttpClient(HttpSurveyDefinitionSource.ClientName, (sp, http) =>
                http.BaseAddress = sp.GetRequiredService<IOptions<IntakeOptions>>().Value.RankingApi
                    ?? throw new InvalidOperationException("Intake:RankingApi is required in distributed mode (e.g. http://127.0.0.1:5081/)."));
            builder.Services.AddSingleton<ISurveyDefinitionSource, HttpSurveyDefinitionSource>();
            builder.Services.AddSingleton<IInvitationRedeemer, HttpInvitationRedeemer>();
        }
        return builder;
    }
}
