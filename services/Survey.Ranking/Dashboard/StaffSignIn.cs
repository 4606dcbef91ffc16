using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Survey.Ranking.Access;

namespace Survey.Ranking.Dashboard;

/// <summary>
/// Signing in to the staff pages. A browser cannot send an Authorization header when it follows a
/// link, so the same JWT (from the OpenID Connect provider, or the development token) is pasted
/// once and kept in an HttpOnly, SameSite=Lax cookie that the bearer handler reads for GET
/// requests. Changing anything still needs the Authorization header.
/// </summary>
public static class StaffSignIn
{
    public const string CookieName = "staff_token";
    public const string Login = "/staff/login";

    /// <summary>At most this long, however long the token is valid.</summary>
    private static readonly TimeSpan MaxSession = TimeSpan.FromHours(12);

    public static bool IsPage(HttpRequest request) =>
        request.Path.StartsWithSegments("/staff") && !request.Path.StartsWithSegments("/staff/assets");

    public static string LoginPath(HttpRequest request) =>
        $"{Login}?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}";

    public static IResult Refused(string message) =>
        Page<StaffMessage>(new { Title = "Ingen behörighet", Message = message }, StatusCodes.Status403Forbidden);

    internal static RazorComponentResult Page<T>(object parameters, int status = StatusCodes.Status200OK) where T : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<T>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    public static IEndpointRouteBuilder MapStaffSignIn(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/staff").ExcludeFromDescription();

        pages.MapGet("/login", (string? returnUrl, HttpContext http, StaffTokens tokens) =>
            Page<LoginPage>(new { ReturnUrl = Local(returnUrl), DevelopmentSignIn = DevelopmentAllowed(http, tokens) }));

        pages.MapPost("/login", async (HttpContext http, StaffTokens tokens) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = Local(form["returnUrl"]);
            string token;
            if (form["development"] == "1" && DevelopmentAllowed(http, tokens))
                token = tokens.CreateDevelopment(MaxSession);
            else
                token = form["token"].ToString().Trim();
            if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = token["Bearer ".Length..].Trim();

            var result = token.Length == 0 ? null : await tokens.ValidateAsync(token);
            if (result is not { IsValid: true })
                return Page<LoginPage>(new
                {
                    ReturnUrl = returnUrl,
                    DevelopmentSignIn = DevelopmentAllowed(http, tokens),
                    Error = token.Length == 0
                        ? "Klistra in din åtkomstnyckel."
                        : "Nyckeln godtas inte: den kan ha gått ut, vara avklippt eller gälla en annan tjänst. Hämta en ny och försök igen.",
                }, StatusCodes.Status400BadRequest);

            var expires = result.SecurityToken.ValidTo is var validTo && validTo > DateTime.UtcNow
                ? new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc)) : DateTimeOffset.UtcNow.Add(MaxSession);
            http.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                // Lax, not Strict: a dashboard link in an e-mail opens signed in. The cookie only ever reads (GET), so a
                // navigation from another site can change nothing, and it cannot read what comes back.
                SameSite = SameSiteMode.Lax,
                Path = "/",
                Expires = expires < DateTimeOffset.UtcNow.Add(MaxSession) ? expires : DateTimeOffset.UtcNow.Add(MaxSession),
            });
            return Results.Redirect(returnUrl);
        }).DisableAntiforgery();

        pages.MapPost("/logout", (HttpContext http) =>
        {
            http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
            return Results.Redirect(Login);
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>Only a path on this site, so the sign-in cannot be used to send someone elsewhere.</summary>
    private static string Local(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : "/staff/dashboard";

    /// <summary>The one-click development sign-in: only with the development key, and only from this machine.</summary>
    private static bool DevelopmentAllowed(HttpContext http, StaffTokens tokens) =>
        tokens.IsDevelopmentKey && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
