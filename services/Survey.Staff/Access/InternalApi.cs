using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Survey.Staff.Invitations;
using Survey.Staff.Pledges;
using Survey.Staff.Surveys;

namespace Survey.Staff.Access;

public sealed class InternalApiOptions
{
    // The key Intake sends in KeyHeader (at least 32 characters). Unset: every internal request is refused.
    [MinLength(32, ErrorMessage = "InternalApi:IntakeKey must be at least 32 characters.")]
    public string? IntakeKey { get; set; }
}

// /internal/v1/: what Intake reads and spends in distributed mode (survey definitions, invitation codes).
// Only the Staff API serves it (the embedded host has Intake in process), and only to a caller that
// presents Intake's service key; a staff token, even an admin's, is refused. The routes are not in the
// OpenAPI document: they are no one else's business.
public static class InternalApi
{
    public const string KeyHeader = "X-Service-Key";
    public const string Scheme = "ServiceKey";
    public const string IntakePolicy = "intake-service";
    public const string ServiceClaim = "service";
    public const string Intake = "intake";

    public static IHostApplicationBuilder AddInternalApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InternalApiOptions>().BindConfiguration("InternalApi").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ServiceKeyHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(IntakePolicy, p => p
            // Only this scheme is consulted here, whatever else the request carries.
            .AddAuthenticationSchemes(Scheme)
            .RequireClaim(ServiceClaim, Intake));
        return builder;
    }

    public static WebApplication MapInternalApi(this WebApplication app)
    {
        if (string.IsNullOrEmpty(app.Services.GetRequiredService<IOptions<InternalApiOptions>>().Value.IntakeKey))
            app.Logger.LogWarning("InternalApi:IntakeKey is not set: /internal/v1 refuses every request (401), so Intake cannot read surveys from here");

        var internalApi = app.MapGroup("/internal/v1")
            .RequireAuthorization(IntakePolicy)
            .ExcludeFromDescription()
            .WithTags("Internal");
        internalApi.MapSurveyDefinitionsForIntake();
        internalApi.MapInvitationsForIntake();
        internalApi.MapResultsForIntake();
        return app;
    }
}

// Intake's service key, compared in constant time (over hashes, so the length tells nothing either).
internal sealed class ServiceKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptionsMonitor<InternalApiOptions> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[InternalApi.KeyHeader] is not [{ Length: > 0 } presented])
            return Task.FromResult(AuthenticateResult.NoResult());
        if (settings.CurrentValue.IntakeKey is not { Length: > 0 } expected)
            return Task.FromResult(AuthenticateResult.Fail("No service key is configured here (InternalApi:IntakeKey)."));
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
            return Task.FromResult(AuthenticateResult.Fail("The service key is not valid."));
        var intake = new ClaimsPrincipal(new ClaimsIdentity([new Claim(InternalApi.ServiceClaim, InternalApi.Intake)], Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(intake, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = InternalApi.Scheme;
        return Results.Problem(detail: $"Internal routes need the intake service's key ({InternalApi.KeyHeader}).",
            statusCode: StatusCodes.Status401Unauthorized, title: "Not the intake service.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(detail: "Internal routes are for the intake service.", statusCode: StatusCodes.Status403Forbidden, title: "Not granted.")
            .ExecuteAsync(Context);
}
