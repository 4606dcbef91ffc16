using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Survey.Store;
using Survey.Ranking.Dashboard;

namespace Survey.Ranking.Access;

public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Comms = "comms";
}

public static class StaffClaims
{
    public const string Role = "role";

    /// <summary>An SCB code the bearer may see, one claim each; "*" grants every municipality.</summary>
    public const string Municipality = "municipality";

    public static bool CanSee(this ClaimsPrincipal user, string municipalityCode) =>
        user.FindAll(Municipality).Any(c => c.Value == municipalityCode || c.Value == "*");
}

public static class StaffPolicies
{
    public const string Staff = "staff";
    public const string Admin = "staff-admin";
    public const string Analyst = "staff-analyst";
    public const string Comms = "staff-comms";
}

public sealed class StaffAuthOptions
{
    public string Issuer { get; set; } = "medborgarlofte";
    public string Audience { get; set; } = "medborgarlofte-staff";

    /// <summary>HMAC-SHA256 key (at least 32 characters). Unset and no Authority: a development key is made and kept in the data folder.</summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect authority (production): its published keys validate the tokens.</summary>
    public Uri? Authority { get; set; }
}

/// <summary>
/// Bearer tokens (JWT) for every staff endpoint: issuer, audience and key from configuration, or an
/// OpenID Connect authority. Microsoft.AspNetCore.Authentication.JwtBearer cannot be restored here,
/// so the handler validates with Microsoft.IdentityModel directly.
/// </summary>
public static class StaffAccess
{
    public const string Scheme = "Bearer";

    public static IHostApplicationBuilder AddStaffAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StaffAuthOptions>().BindConfiguration("Auth");
        builder.Services.AddSingleton<StaffTokens>();
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin, StaffRoles.Analyst, StaffRoles.Comms))
            .AddPolicy(StaffPolicies.Admin, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Analyst, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin, StaffRoles.Analyst))
            .AddPolicy(StaffPolicies.Comms, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin, StaffRoles.Comms));
        builder.Services.AddHostedService<DevelopmentToken>();
        builder.Services.AddStaffSecurityToOpenApi();
        return builder;
    }

    /// <summary>403 for a survey of a municipality the bearer is not granted; one check for every /surveys/{slug} route.</summary>
    public static async ValueTask<object?> MunicipalityFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues["slug"] is string slug
            && await http.RequestServices.GetRequiredService<Survey.Store.ISurveyStore>().FindAsync(slug, http.RequestAborted) is { } survey
            && !http.User.CanSee(survey.MunicipalityCode))
            return Forbidden(survey.MunicipalityCode);
        return await next(context);
    }

    public static IResult Forbidden(string municipalityCode) => Results.Problem(
        detail: $"Your access does not include municipality {municipalityCode}.",
        statusCode: StatusCodes.Status403Forbidden, title: "Not granted.");
}

/// <summary>Makes and checks staff tokens.</summary>
public sealed class StaffTokens
{
    private readonly StaffAuthOptions _options;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _authority;

    public StaffTokens(IOptions<StaffAuthOptions> options, IConfiguration configuration, ILogger<StaffTokens> logger)
    {
        _options = options.Value;
        if (_options.Authority is { } authority)
        {
            _authority = new ConfigurationManager<OpenIdConnectConfiguration>(
                new Uri(authority, ".well-known/openid-configuration").ToString(), new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever());
        }
        else if (string.IsNullOrEmpty(_options.SigningKey))
        {
            var folder = StoreRegistration.DataDirectory(configuration);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "dev-signing-key");
            if (!File.Exists(file)) File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            _options.SigningKey = File.ReadAllText(file).Trim();
            IsDevelopmentKey = true;
            logger.LogWarning("No Auth:SigningKey or Auth:Authority configured: using the development key in {File}", file);
        }
        if (_options.SigningKey is { Length: < 32 })
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
    }

    public bool IsDevelopmentKey { get; }

    private SymmetricSecurityKey? Key => _options.SigningKey is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.SigningKey));

    /// <summary>A development token: every role, every municipality.</summary>
    public string CreateDevelopment(TimeSpan lifetime) =>
        Create([StaffRoles.Admin, StaffRoles.Analyst, StaffRoles.Comms], ["*"], lifetime);

    public string Create(IEnumerable<string> roles, IEnumerable<string> municipalities, TimeSpan lifetime, string subject = "developer")
    {
        var key = Key ?? throw new InvalidOperationException("Tokens are issued by the OpenID Connect authority, not here.");
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            [StaffClaims.Role] = roles.ToArray(),
            [StaffClaims.Municipality] = municipalities.ToArray(),
        };
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Claims = claims,
            Expires = DateTime.UtcNow + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task<TokenValidationResult> ValidateAsync(string token)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Authority?.ToString().TrimEnd('/') ?? _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKey = Key,
            ConfigurationManager = _authority,
            RoleClaimType = StaffClaims.Role,
            NameClaimType = "sub",
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        return await _handler.ValidateTokenAsync(token, parameters);
    }
}

internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder, StaffTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            token = header["Bearer ".Length..].Trim();
        // The dashboard's browser carries the same token in an HttpOnly cookie; only for reading, so a
        // page elsewhere cannot make the browser change anything (and SameSite=Lax keeps it off cross-site subrequests).
        else if (Request.Cookies[StaffSignIn.CookieName] is { Length: > 0 } cookie && (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method)))
            token = cookie;
        else
            return AuthenticateResult.NoResult();
        var result = await tokens.ValidateAsync(token);
        if (!result.IsValid) return AuthenticateResult.Fail(result.Exception?.Message ?? "The token is not valid.");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(result.ClaimsIdentity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (StaffSignIn.IsPage(Request))
        {
            Response.Redirect(StaffSignIn.LoginPath(Request));
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(detail: "Staff endpoints need a bearer token (Authorization: Bearer <token>).",
            statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await (StaffSignIn.IsPage(Request)
                ? StaffSignIn.Refused("Din roll ger inte tillgång till den här sidan. Sidan är för analytiker och administratörer.")
                : Results.Problem(detail: "Your role does not allow this.", statusCode: StatusCodes.Status403Forbidden, title: "Not granted."))
            .ExecuteAsync(Context);
}

/// <summary>With the development key, a ready-made token (every role, every municipality) is written and printed.</summary>
internal sealed class DevelopmentToken(StaffTokens tokens, IConfiguration configuration, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!tokens.IsDevelopmentKey) return Task.CompletedTask;
        var token = tokens.CreateDevelopment(TimeSpan.FromDays(30));
        var file = Path.Combine(StoreRegistration.DataDirectory(configuration), "dev-token.txt");
        File.WriteAllText(file, token + Environment.NewLine);
        lifetime.ApplicationStarted.Register(() => Console.WriteLine($"""
              Staff token (development; every role and municipality; 30 days), also in {file}:
                {token}
              Use it as: curl -H "Authorization: Bearer $(cat {file})" …

            """));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
