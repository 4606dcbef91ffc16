using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Survey.ServiceDefaults;

// The site's icon, on every host: pages link /favicon.svg, and browsers ask for /favicon.ico on their own
// (for the Swagger UI, a JSON answer, anything without a link), which would otherwise be a 404 in the console.
// favicon.ico is favicon.svg drawn at 32 and 16 pixels (ImageMagick: convert -background none -density 384
// favicon.svg -define icon:auto-resize=32,16 favicon.ico).
internal static class Favicon
{
    public static IEndpointRouteBuilder MapFavicon(this IEndpointRouteBuilder app)
    {
        app.MapGet("/favicon.svg", (HttpContext context) => Serve(context, "favicon.svg", "image/svg+xml")).ExcludeFromDescription();
        app.MapGet("/favicon.ico", (HttpContext context) => Serve(context, "favicon.ico", "image/x-icon")).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context, string name, string type)
    {
        // The icon changes with a release at most; a day in the browser's cache spares a request per page.
        context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=86400";
        return Results.Stream(typeof(Favicon).Assembly.GetManifestResourceStream("service-defaults." + name)!, type);
    }
}
