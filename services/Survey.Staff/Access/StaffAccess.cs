using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Survey.Staff.Dashboard;

namespace Survey.Staff.Access;

public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Comms = "comms";

    // Police and municipal staff who hold citizen dialogues and safety walks, and record them.
    public const string Dialog = "dialog";
}

public static class StaffClaims
{
    public const string Role = "role";

    // An SCB code the bearer may see, one claim each; "*" grants every municipality.
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

    // Recording dialogues: admin or dialog. Reading them: analysts too.
    public const string Dialog = "staff-dialog";
    public const string DialogueReader = "staff-dialogue-reader";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Staff, Admin, Analyst, Comms, Dialog, DialogueReader], StringComparer.Ordinal);
}

public sealed class StaffAuthOptions
{
    public string Issuer { get; set; } = "medborgarlofte";
    public string Audience { get; set; } = "medborgarlofte-staff";

    // HMAC-SHA256 key (at least 32 characters). Unset and no Authority: a development key is made and kept in the data folder.
    public string? SigningKey { get; set; }

    // An OpenID Connect provider (production): its published keys validate bearer tokens, and with ClientId the staff pages sign in there.
    public Uri? Authority { get; set; }

    // The staff pages' client at the provider (authorisation code flow with PKCE).
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    // What the staff pages ask the provider for; one scope must carry the role and municipality claims.
    public string Scopes { get; set; } = "openid profile staff";

    // Read the provider's metadata over HTTPS only. False only for a test provider on loopback.
    public bool RequireHttpsMetadata { get; set; } = true;

    // The one-click sign-in with the development key, for a developer at this machine. Off unless set.
    public bool DevelopmentSignIn { get; set; }

    internal bool UsesOpenIdConnect => Authority is not null && !string.IsNullOrEmpty(ClientId);
}

// Who may use the staff API and pages. Every bearer token is validated by JwtBearer (issuer, audience
// and key from configuration, or the keys an OpenID Connect provider publishes). The staff pages keep a
// server-side session in a cookie, started by pasting a token on /staff/login or, with
// Auth:Authority and Auth:ClientId, by signing in at the provider. The cookie only ever
// reads: it authenticates GET and HEAD, and every change needs the Authorization header.
public static class StaffAccess
{
    // JwtBearer; also the name of the security scheme in the OpenAPI document.
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    // The staff pages' session cookie.
    public const string SessionScheme = "staff-session";

    // Sign-in at the municipality's OpenID Connect provider.
    public const string OpenIdConnectScheme = OpenIdConnectDefaults.AuthenticationScheme;

    // Picks the bearer token or the session for each request.
    private const string SelectingScheme = "staff";

    public static IHostApplicationBuilder AddStaffAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StaffAuthOptions>().BindConfiguration("Auth");
        builder.Services.AddSingleton<StaffTokens>();
        builder.Services.AddHostedService<DevelopmentToken>();

        // Sessions live on the server; the cookie holds only the session's key. A deployment with several
        // instances registers a shared IDistributedCache (Redis, SQL Server …) and every instance sees them.
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSingleton<StaffSessionStore>();

        var authentication = builder.Services.AddAuthentication(SelectingScheme)
            .AddPolicyScheme(SelectingScheme, "Staff token or session", o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(Scheme, _ => { })
            .AddCookie(SessionScheme, _ => { });
        builder.Services.AddOptions<JwtBearerOptions>(Scheme).Configure<StaffTokens, IOptions<StaffAuthOptions>>(ConfigureBearer);
        builder.Services.AddOptions<CookieAuthenticationOptions>(SessionScheme)
            .Configure<StaffSessionStore, IOptions<StaffAuthOptions>>((o, store, auth) => ConfigureSession(o, store, auth.Value));

        var auth = builder.Configuration.GetSection("Auth").Get<StaffAuthOptions>() ?? new StaffAuthOptions();
        if (auth.UsesOpenIdConnect)
        {
            authentication.AddOpenIdConnect(OpenIdConnectScheme, _ => { });
            builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectScheme)
                .Configure<IOptions<StaffAuthOptions>>((o, options) => ConfigureOpenIdConnect(o, options.Value));
        }

        // The forms' antiforgery cookie is Secure over HTTPS too, like the session's.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin, StaffRoles.Analyst, StaffRoles.Comms))
            .AddPolicy(StaffPolicies.Admin, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Analyst, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin, StaffRoles.Analyst))
            .AddPolicy(StaffPolicies.Comms, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin, StaffRoles.Comms))
            .AddPolicy(StaffPolicies.Dialog, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin, StaffRoles.Dialog))
            .AddPolicy(StaffPolicies.DialogueReader, p => p.RequireClaim(StaffClaims.Role, StaffRoles.Admin, StaffRoles.Analyst, StaffRoles.Dialog));
        builder.Services.AddStaffSecurityToOpenApi();
        return builder;
    }

    // A bearer header decides; without one, the session cookie is read for GET and HEAD only (pages and
    // exports), so a page elsewhere can never make a signed-in browser change anything.
    private static string SelectScheme(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Scheme
        : HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? SessionScheme
        : Scheme;

    private static void ConfigureBearer(JwtBearerOptions o, StaffTokens tokens, IOptions<StaffAuthOptions> options)
    {
        var auth = options.Value;
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAudience = auth.Audience,
            RoleClaimType = StaffClaims.Role,
            NameClaimType = "sub",
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        if (auth.Authority is { } authority)
        {
            // The issuer and the signing keys come from the provider's metadata.
            o.Authority = authority.ToString();
            o.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        }
        else
        {
            o.TokenValidationParameters.ValidIssuer = auth.Issuer;
            o.TokenValidationParameters.IssuerSigningKey = tokens.SigningKey;
        }
        o.Events = new JwtBearerEvents
        {
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                await NotSignedIn(context.HttpContext, context.AuthenticateFailure is null
                    ? "Staff endpoints need a bearer token (Authorization: Bearer <token>)."
                    : "The bearer token is not valid: it may have expired, been cut short or be meant for another service.");
            },
            OnForbidden = context => NotGranted(context.HttpContext),
        };
    }

    private static void ConfigureSession(CookieAuthenticationOptions o, StaffSessionStore store, StaffAuthOptions auth)
    {
        o.SessionStore = store;
        o.Cookie.Name = StaffSignIn.CookieName;
        o.Cookie.Path = "/";
        o.Cookie.HttpOnly = true;
        // Lax, not Strict: a dashboard link in an e-mail opens signed in. The cookie only ever reads (GET),
        // so a navigation from another site can change nothing, and that site cannot read what comes back.
        o.Cookie.SameSite = SameSiteMode.Lax;
        // Request.IsHttps: also behind a TLS proxy once forwarded headers are configured.
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = StaffSignIn.MaxSession;
        o.SlidingExpiration = false;
        o.Events = new CookieAuthenticationEvents
        {
            // However a session starts, it ends after at most 12 hours, earlier if the token it came from does.
            OnSigningIn = context =>
            {
                var latest = DateTimeOffset.UtcNow + StaffSignIn.MaxSession;
                context.Properties.IsPersistent = true;
                context.Properties.AllowRefresh = false;
                context.Properties.ExpiresUtc = context.Properties.ExpiresUtc is { } expires && expires < latest ? expires : latest;
                return Task.CompletedTask;
            },
            OnRedirectToLogin = async context =>
            {
                if (!StaffSignIn.IsPage(context.Request))
                {
                    // An API call or export without a token: the API's answer, not a sign-in page.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await NotSignedIn(context.HttpContext, "Staff endpoints need a bearer token (Authorization: Bearer <token>).");
                }
                else if (auth.UsesOpenIdConnect)
                {
                    await StaffSignIn.SignInAtProviderAsync(context.HttpContext, context.Request.PathBase + context.Request.Path + context.Request.QueryString);
                }
                else
                {
                    context.Response.Redirect(StaffSignIn.LoginPath(context.Request));
                }
            },
            OnRedirectToAccessDenied = context => NotGranted(context.HttpContext),
        };
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions o, StaffAuthOptions auth)
    {
        o.Authority = auth.Authority!.ToString();
        o.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        o.ClientId = auth.ClientId;
        o.ClientSecret = auth.ClientSecret;
        // Authorisation code with PKCE (the handler's defaults, stated here because they are the point).
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.SignInScheme = SessionScheme;
        o.Scope.Clear();
        foreach (var scope in auth.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) o.Scope.Add(scope);
        // The claims keep the provider's names (role, municipality), as in a bearer token.
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = true;
        // One claim per value: userinfo gives these as arrays (MapUniqueJsonKey would keep the array's JSON text as one value).
        o.ClaimActions.MapJsonKey(StaffClaims.Role, StaffClaims.Role);
        o.ClaimActions.MapJsonKey(StaffClaims.Municipality, StaffClaims.Municipality);
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.RoleClaimType = StaffClaims.Role;
        // Kept in the server-side session (never in the cookie): the ID token is the hint for signing out at the provider.
        o.SaveTokens = true;
        o.Events = new OpenIdConnectEvents
        {
            // Signed in at the provider: a new session, never one whose cookie the browser happened to bring.
            OnTicketReceived = context =>
            {
                StaffSignIn.StartAfresh(context.Request);
                return Task.CompletedTask;
            },
            // A sign-in the user cancelled, or a callback that does not belong to this browser: a page, not a 500.
            OnRemoteFailure = async context =>
            {
                context.HandleResponse();
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffAccess))
                    .LogWarning(context.Failure, "Sign-in at the OpenID Connect provider failed");
                await StaffSignIn.Message("Inloggningen misslyckades",
                        "Inloggningen hos kommunens inloggningstjänst avbröts eller kunde inte slutföras. Försök igen.",
                        StatusCodes.Status400BadRequest)
                    .ExecuteAsync(context.HttpContext);
            },
        };
    }

    private static Task NotSignedIn(HttpContext http, string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in.").ExecuteAsync(http);

    private static Task NotGranted(HttpContext http) =>
        (StaffSignIn.IsPage(http.Request)
            ? StaffSignIn.Refused("Din roll ger inte tillgång till den här sidan. Sidan är för analytiker och administratörer.")
            : Results.Problem(detail: "Your role does not allow this.", statusCode: StatusCodes.Status403Forbidden, title: "Not granted."))
        .ExecuteAsync(http);

    // 403 for a survey of a municipality the bearer is not granted; one check for every /surveys/{slug} route.
    public static async ValueTask<object?> MunicipalityFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // An endpoint that serves a kept report checks the municipality of what it serves (SurveyReports): a check made here
        // against another read could pass for a survey that has just moved to a municipality the bearer is not granted.
        if (http.GetEndpoint()?.Metadata.GetMetadata<ChecksMunicipalityOfWhatItServes>() is not null) return await next(context);
        if (http.Request.RouteValues["slug"] is string slug
            && await http.RequestServices.GetRequiredService<Survey.Store.ISurveyStore>().FindAsync(slug, http.RequestAborted) is { } survey
            && !http.User.CanSee(survey.MunicipalityCode))
            return Forbidden(survey.MunicipalityCode);
        return await next(context);
    }

    // Marks an endpoint under MunicipalityFilter that checks the municipality itself, of the very survey it answers with.
    public sealed class ChecksMunicipalityOfWhatItServes;

    public static IResult Forbidden(string municipalityCode) => Results.Problem(
        detail: $"Your access does not include municipality {municipalityCode}.",
        statusCode: StatusCodes.Status403Forbidden, title: "Not granted.");
}
