using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Survey.Staff.Access;

namespace Survey.Staff.Dashboard;

// Signing in to the staff pages. A browser cannot send an Authorization header when it follows a
// link, so the pages keep a session on the server with a cookie that holds only its key. The session
// starts at the municipality's OpenID Connect provider (with Auth:Authority and
// Auth:ClientId), or with a JWT pasted on /staff/login (the development token, or one the
// provider issued). Both forms carry an antiforgery token; logging out removes the session.
public static class StaffSignIn
{
    public const string CookieName = "staff_session";
    public const string Login = "/staff/login";
    private const string Start = "/staff/dashboard";

    // A session lasts at most this long, however long the token it came from is valid.
    public static readonly TimeSpan MaxSession = TimeSpan.FromHours(12);

    public static bool IsPage(HttpRequest request) =>
        request.Path.StartsWithSegments("/staff") && !request.Path.StartsWithSegments("/staff/assets");

    public static string LoginPath(HttpRequest request) =>
        $"{Login}?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}";

    public static IResult Refused(string message) =>
        Page<StaffMessage>(new { Title = "Ingen behörighet", Message = message }, StatusCodes.Status403Forbidden);

    public static IResult Message(string title, string message, int status) =>
        Page<StaffMessage>(new { Title = title, Message = message, SignedIn = false }, status);

    internal static RazorComponentResult Page<T>(object parameters, int status = StatusCodes.Status200OK) where T : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<T>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    public static IEndpointRouteBuilder MapStaffSignIn(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/staff").ExcludeFromDescription();

        pages.MapGet("/login", (string? returnUrl, HttpContext http, StaffTokens tokens, IOptions<StaffAuthOptions> auth) =>
        {
            if (!TryLocal(returnUrl, out var local)) return BadReturnUrl();
            // The form's antiforgery token is made for nobody in particular: the POST that brings it back is never
            // authenticated by the session cookie, whoever is signed in now.
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
            return Page<LoginPage>(new { ReturnUrl = local, DevelopmentSignIn = DevelopmentAllowed(http, tokens, auth.Value), OpenIdConnect = auth.Value.UsesOpenIdConnect });
        });

        // The button on the sign-in page, for when the provider's sign-in was not started by a page request.
        pages.MapGet("/login/oidc", async (string? returnUrl, HttpContext http, IOptions<StaffAuthOptions> auth) =>
        {
            if (!auth.Value.UsesOpenIdConnect) return Results.NotFound();
            if (!TryLocal(returnUrl, out var local)) return BadReturnUrl();
            await SignInAtProviderAsync(http, local);
            return Results.Empty;
        });

        pages.MapPost("/login", async (HttpContext http, StaffTokens tokens, IAntiforgery antiforgery, IOptions<StaffAuthOptions> auth) =>
        {
            if (!await IsFromOurFormAsync(http, antiforgery)) return FormRefused();
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!TryLocal(form["returnUrl"], out var returnUrl)) return BadReturnUrl();

            var development = form["development"] == "1" && DevelopmentAllowed(http, tokens, auth.Value);
            var token = development ? tokens.CreateDevelopment(MaxSession) : Pasted(form["token"].ToString());
            var result = token.Length == 0 ? null : await ValidateAsync(http, token);
            if (result is not { Succeeded: true, Principal: { } principal })
                return Page<LoginPage>(new
                {
                    ReturnUrl = returnUrl,
                    DevelopmentSignIn = DevelopmentAllowed(http, tokens, auth.Value),
                    OpenIdConnect = auth.Value.UsesOpenIdConnect,
                    Error = token.Length == 0
                        ? "Klistra in din åtkomstnyckel."
                        : "Nyckeln godtas inte: den kan ha gått ut, vara avklippt eller gälla en annan tjänst. Hämta en ny och försök igen.",
                }, StatusCodes.Status400BadRequest);

            // The session ends with the token (and after 12 hours at most: the session cookie's OnSigningIn).
            StartAfresh(http.Request);
            await http.SignInAsync(StaffAccess.SessionScheme, principal, new AuthenticationProperties { ExpiresUtc = Expiry(principal) });
            return Results.Redirect(returnUrl);
        }).DisableAntiforgery(); // validated above, so a refusal is a page that says what to do

        pages.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, IOptions<StaffAuthOptions> auth) =>
        {
            var session = await ReadSessionAsync(http);
            if (!await IsFromOurFormAsync(http, antiforgery)) return FormRefused();
            // Signed in at the provider: sign out there too, or the next page would sign straight back in.
            var atProvider = auth.Value.UsesOpenIdConnect && session.Properties?.GetTokenValue("id_token") is not null;
            if (atProvider)
            {
                try
                {
                    await http.SignOutAsync(StaffAccess.OpenIdConnectScheme, new AuthenticationProperties { RedirectUri = Login });
                }
                catch (InvalidOperationException e)
                {
                    // The provider cannot be reached: at least the session here ends.
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffSignIn))
                        .LogWarning(e, "Could not sign out at the OpenID Connect provider");
                    atProvider = false;
                }
            }
            // Removes the session from the store: a copy of the cookie is worth nothing from now on.
            await http.SignOutAsync(StaffAccess.SessionScheme);
            return atProvider ? Results.Empty : Results.Redirect(Login);
        }).DisableAntiforgery();
        return app;
    }

    // Off to the OpenID Connect provider; back at returnUrl once signed in.
    public static async Task SignInAtProviderAsync(HttpContext http, string returnUrl)
    {
        try
        {
            await http.ChallengeAsync(StaffAccess.OpenIdConnectScheme, new AuthenticationProperties { RedirectUri = returnUrl });
        }
        catch (InvalidOperationException e)
        {
            // The provider's metadata cannot be read (it is down or unreachable): say so, rather than a 500.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffSignIn))
                .LogWarning(e, "The OpenID Connect provider cannot be reached");
            await Message("Inloggningstjänsten svarar inte",
                    "Kommunens inloggningstjänst går inte att nå just nu. Försök igen om en stund.",
                    StatusCodes.Status503ServiceUnavailable)
                .ExecuteAsync(http);
        }
    }

    // A sign-in always starts a new session. The cookie handler would otherwise store the new sign-in
    // under the key of a session the browser brought, and whoever planted that cookie would hold it.
    // Called before the handler first reads the request's cookie.
    public static void StartAfresh(HttpRequest request)
    {
        var others = request.Headers.Cookie.SelectMany(header => (header ?? "").Split(';'))
            .Select(pair => pair.Trim())
            .Where(pair => pair.Length > 0 && !pair.Split('=')[0].Trim().StartsWith(CookieName, StringComparison.Ordinal));
        request.Headers.Cookie = string.Join("; ", others);
    }

    // The session, read for logging out only: the logout form's antiforgery token was made for the
    // signed-in user, and a POST is otherwise never authenticated by the cookie.
    private static async Task<AuthenticateResult> ReadSessionAsync(HttpContext http)
    {
        var session = await http.AuthenticateAsync(StaffAccess.SessionScheme);
        if (session.Principal is { } user) http.User = user;
        return session;
    }

    private static async Task<bool> IsFromOurFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType) return false;
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException)
        {
            return false;
        }
    }

    private static IResult FormRefused() => Message("Formuläret godtogs inte",
        "Formuläret kom inte från den här sidan, eller så var sidan för gammal. Ladda om sidan och försök igen.",
        StatusCodes.Status400BadRequest);

    private static IResult BadReturnUrl() => Message("Felaktig adress",
        "Adressen att gå tillbaka till innehåller otillåtna tecken. Öppna sidan du ville till en gång till.",
        StatusCodes.Status400BadRequest);

    // Only a path on this site, judged on the decoded text, so the sign-in cannot send anyone elsewhere:
    // "//host" and "/\host" are other sites to a browser. Anything but visible ASCII is refused outright
    // (false: a 400): browsers drop tabs and line breaks from addresses ("/\t/evil.example" is "//evil.example"),
    // and the address goes into the Location header, which cannot hold a space, é, U+200B or a fullwidth "／".
    // The addresses LoginPath makes hold none of these: their path and query are escaped.
    private static bool TryLocal(string? returnUrl, out string local)
    {
        local = Start;
        if (string.IsNullOrEmpty(returnUrl)) return true;
        if (!returnUrl.All(c => c is >= '!' and <= '~')) return false;
        if (returnUrl is ['/'] or ['/', not ('/' or '\\'), ..]) local = returnUrl;
        return true;
    }

    // As pasted: "Bearer " before it and line breaks inside it do no harm.
    private static string Pasted(string text)
    {
        text = text.Trim();
        if (text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) text = text["Bearer ".Length..];
        return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
    }

    // Validates the pasted token with the API's own JwtBearer handler and options, on a request of its own:
    // this request's authentication has already run (and found no bearer header).
    private static async Task<AuthenticateResult> ValidateAsync(HttpContext http, string token)
    {
        await using var scope = http.RequestServices.CreateAsyncScope();
        var probe = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        probe.Request.Headers.Authorization = "Bearer " + token;
        return await probe.AuthenticateAsync(StaffAccess.Scheme);
    }

    private static DateTimeOffset? Expiry(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp) : null;

    // The one-click development sign-in: only when Auth:DevelopmentSignIn is set, with the
    // development key, from this machine, and never through a proxy (whose requests all come from loopback).
    private static bool DevelopmentAllowed(HttpContext http, StaffTokens tokens, StaffAuthOptions auth) =>
        auth.DevelopmentSignIn && tokens.IsDevelopmentKey && !IsProxied(http.Request)
        && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    // The headers that proxies, load balancers and CDNs add to say who the client was or that they passed it on.
    private static readonly HashSet<string> ProxyHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Forwarded", "Via", "X-Real-IP", "CF-Connecting-IP", "True-Client-IP", "X-Client-IP", "X-Cluster-Client-IP",
        "Fastly-Client-IP", "Client-IP",
    };

    // Any header a proxy adds, X-Forwarded-* included (and X-Original-*, which ASP.NET Core's forwarded-headers middleware
    // leaves once it has applied them). A tunnel (ssh -L, kubectl port-forward) adds none: hence the setting.
    private static bool IsProxied(HttpRequest request) =>
        request.Headers.Keys.Any(name => ProxyHeaders.Contains(name)
            || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("X-Original-", StringComparison.OrdinalIgnoreCase));
}
