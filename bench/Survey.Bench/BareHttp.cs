using System.Text.Json;

namespace Survey.Bench;

// The intake baseline: bare ASP.NET Core answering 202 to the same body, read and parsed as JSON, nothing else.
public static class BareHttp
{
    public static async Task<int> RunAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var id = body.RootElement.TryGetProperty("responseId", out var v) ? v.GetString() : null;
            return Results.Json(new Receipt(id), statusCode: StatusCodes.Status202Accepted);
        });
        app.MapGet("/health/ready", () => "ok");
        await app.RunAsync();
        return 0;
    }

    private sealed record Receipt(string? ResponseId);
}
