using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Net.Http.Headers;

namespace Survey.ServiceDefaults;

// The security headers of every answer, decided once by the area its path is in: the residents'
// pages (/s/…), the staff pages and API (/staff/…, /api/v1/staff/…), the Swagger UI, the rest.
// Pages load their scripts and styles as files from their assets endpoints, so no policy needs
// 'unsafe-inline' except the Swagger UI's styles.
public static class SecurityHeaders
{
    private const string Pages = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'";

    // Swagger UI's scripts are files too, but its components write style attributes and its icons are data: images.
    private const string SwaggerUi = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'";

    // Not a page (JSON, CSV, images, scripts): opened as a document, it runs and loads nothing.
    private const string NotAPage = "default-src 'none'";

    private const string NoFraming = "frame-ancestors 'none'";

    private static readonly object FramingKey = new();

    // Lets this resident page be shown in frames on these origins only (a survey's embedOrigins).
    // Without a call, or with none, a resident page may be embedded anywhere, as embed.js does.
    public static void AllowFramingBy(this HttpContext context, IReadOnlyList<string>? origins)
    {
        if (origins is { Count: > 0 }) context.Items[FramingKey] = origins;
    }

    internal static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var staffPages = $"{Pages}; form-action 'self'{SignInProvider(configuration)}";
        var residentPages = $"{Pages}; form-action 'self'";
        return app.Use((context, next) =>
        {
            // Last of the OnStarting callbacks to run (they run in reverse), so it has the final word, also on error pages.
            context.Response.OnStarting(() =>
            {
                Apply(context, staffPages, residentPages);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Apply(HttpContext context, string staffPages, string residentPages)
    {
        var path = context.Request.Path;
        var headers = context.Response.Headers;
        var staff = path.StartsWithSegments("/staff") || path.StartsWithSegments("/api/v1/staff");
        var resident = path.StartsWithSegments("/s");
        var page = context.Response.ContentType is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);

        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // Staff links carry survey slugs and filters; a resident's page tells other sites only that it was the survey.
        headers["Referrer-Policy"] = staff ? "no-referrer" : "strict-origin-when-cross-origin";

        // A resident page may be embedded anywhere (embed.js) unless its survey names its sites; nothing else may be framed.
        var framing = !resident ? NoFraming
            : context.Items.TryGetValue(FramingKey, out var allowed) && allowed is IReadOnlyList<string> origins
                ? "frame-ancestors 'self' " + string.Join(' ', origins)
                : null;
        if (!resident) headers[HeaderNames.XFrameOptions] = "DENY";

        var policy = !page ? NotAPage
            : path.StartsWithSegments("/swagger") ? SwaggerUi
            : resident ? residentPages
            : staffPages;
        headers[HeaderNames.ContentSecurityPolicy] = framing is null ? policy : policy + "; " + framing;

        // Staff data and exports are never kept by a browser or a proxy; the pages' own CSS and scripts may be.
        if ((staff && !path.StartsWithSegments("/staff/assets")) || path.StartsWithSegments("/internal"))
            headers[HeaderNames.CacheControl] = "no-store";
    }

    // The OpenID Connect provider's origin, which the staff sign-in form may be sent on to.
    private static string SignInProvider(IConfiguration configuration) =>
        Uri.TryCreate(configuration["Auth:Authority"], UriKind.Absolute, out var authority) && authority.Scheme is "https" or "http"
            ? " " + authority.GetLeftPart(UriPartial.Authority)
            : "";
}
