using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Survey.ServiceDefaults;

// Serves files embedded in an assembly (a page's CSS and scripts) with their content type.
public static class EmbeddedAssets
{
    // The resource prefix + name of assembly; 404 when there is none.
    public static IResult Serve(Assembly assembly, string prefix, string name)
    {
        var stream = assembly.GetManifestResourceStream(prefix + name);
        if (stream is null) return Results.NotFound();
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }
}
