using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Survey.Intake;

public static class IntakeModule
{
    /// <summary>The header the Ranking API reads Intake's service key from.</summary>
    public const string ServiceKeyHeader = "X-Service-Key";

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
            // Distributed mode: without the Ranking API's address and key Intake could answer no resident, so it does not start.
            builder.Services.AddOptions<IntakeOptions>()
                .Validate(o => o.RankingApi is not null,
                    "Intake:RankingApi is required in distributed mode: the Ranking API's base address (e.g. http://127.0.0.1:5052/).")
                .Validate(o => o.RankingApiKey is { Length: >= 32 },
                    "Intake:RankingApiKey is required in distributed mode: the service key (32+ characters) that the Ranking API has as InternalApi:IntakeKey.");
            builder.Services.AddHttpClient(HttpSurveyDefinitionSource.ClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<IntakeOptions>>().Value;
                http.BaseAddress = options.RankingApi;
                http.DefaultRequestHeaders.Add(ServiceKeyHeader, options.RankingApiKey);
            });
            builder.Services.AddSingleton<ISurveyDefinitionSource, HttpSurveyDefinitionSource>();
            builder.Services.AddSingleton<IInvitationRedeemer, HttpInvitationRedeemer>();
        }
        return builder;
    }
}
