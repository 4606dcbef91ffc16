using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using QRCoder;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Intake.Surveys;

namespace Survey.Intake.Questionnaire;

// What communications staff spread: QR codes of the share link, and the embed script.
public static class SharePages
{
    // Pixels per QR module: 24 (the default) gives about 1,000 px, sharp at 10 cm on an A3 poster.
    public const int MinModulePixels = 4, MaxModulePixels = 40, DefaultModulePixels = 24;

    // A QR code changes only with its link, so browsers and proxies may keep it for a day.
    private static readonly TimeSpan CacheTime = TimeSpan.FromDays(1);

    public static WebApplication MapSharing(this WebApplication app)
    {
        var group = app.MapGroup("").WithTags("Resident pages").ExcludeFromDescription();
        group.MapGet("/s/{slug}/qr.png", async (string slug, string? k, int? size, HttpContext http,
            ISurveyDefinitionSource definitions, IOptions<IntakeOptions> options, CancellationToken ct) =>
        {
            var pixels = size ?? DefaultModulePixels;
            if (pixels is < MinModulePixels or > MaxModulePixels)
                return Invalid("size", $"Pixels per module: {MinModulePixels}–{MaxModulePixels} (default {DefaultModulePixels}, about 1,000 px).");
            var (link, refusal) = await LinkAsync(slug, k, http, definitions, options.Value, ct);
            if (refusal is not null) return refusal;
            if (NotModified(http, link!, "png", pixels)) return Results.StatusCode(StatusCodes.Status304NotModified);
            using var code = Encode(link!);
            return Results.File(new PngByteQRCode(code).GetGraphic(pixels), "image/png", $"{slug}-{k ?? "qr"}.png");
        });
        group.MapGet("/s/{slug}/qr.svg", async (string slug, string? k, HttpContext http,
            ISurveyDefinitionSource definitions, IOptions<IntakeOptions> options, CancellationToken ct) =>
        {
            var (link, refusal) = await LinkAsync(slug, k, http, definitions, options.Value, ct);
            if (refusal is not null) return refusal;
            if (NotModified(http, link!, "svg", 10)) return Results.StatusCode(StatusCodes.Status304NotModified);
            using var code = Encode(link!);
            return Results.Text(new SvgQRCode(code).GetGraphic(10), "image/svg+xml; charset=utf-8");
        });
        group.MapGet("/embed.js", () => QuestionnairePages.Asset("embed.js"));
        return app;
    }

    // The public address of a survey for one channel, as a resident opens it from a post, a poster or a page.
    public static string ShareLink(HttpRequest request, IntakeOptions options, string slug, string? channel)
    {
        // The request's own address is safe here: host filtering has refused any Host outside AllowedHosts.
        var origin = options.PublicBaseUrl?.ToString().TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        var link = $"{origin}/s/{Uri.EscapeDataString(slug)}";
        return ChannelCode.IsValid(channel) ? $"{link}?k={channel}" : link;
    }

    // The share link when the survey exists; otherwise the answer that says why there is no code.
    private static async Task<(string? Link, IResult? Refusal)> LinkAsync(
        string slug, string? channel, HttpContext http, ISurveyDefinitionSource definitions, IntakeOptions options, CancellationToken ct)
    {
        // Checked before anything is looked up or drawn: a longer text makes a bigger code.
        if (slug.Length > 63)
            return (null, Invalid("slug", "A survey's slug is at most 63 characters."));
        if (channel is not null && !ChannelCode.IsValid(channel))
            return (null, Invalid("k", $"The channel must be {ChannelCode.Rule}."));
        if (!SurveyDefinitionValidator.CodePattern().IsMatch(slug))
            return (null, UnknownSurvey(slug));
        try
        {
            if (await definitions.FindAsync(slug, ct) is null) return (null, UnknownSurvey(slug));
        }
        catch (SurveyDefinitionsUnavailableException)
        {
            return (null, Results.Problem(detail: "The survey cannot be read just now. Please try again in a moment.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable."));
        }
        return (ShareLink(http.Request, options, slug, channel), null);
    }

    // Sets the caching headers; true when the client's copy (If-None-Match) is this very code.
    private static bool NotModified(HttpContext http, string link, string format, int pixels)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{format}\n{pixels}\n{link}"));
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(hash, 0, 16)}\"");
        var response = http.Response.GetTypedHeaders();
        response.ETag = etag;
        response.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = CacheTime };
        return http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
    }

    private static IResult Invalid(string parameter, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [message] }, title: "The request has invalid fields.");

    private static IResult UnknownSurvey(string slug) =>
        Results.Problem(detail: $"There is no survey '{slug}'.", statusCode: StatusCodes.Status404NotFound, title: "No such survey.");

    private static QRCodeData Encode(string text)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
    }
}
