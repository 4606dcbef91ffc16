using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using QRCoder;
using Survey.Domain.Responses;

namespace Survey.Intake.Questionnaire;

/// <summary>What communications staff spread: QR codes of the share link, and the embed script.</summary>
public static class SharePages
{
    public static WebApplication MapSharing(this WebApplication app)
    {
        var group = app.MapGroup("").WithTags("Resident pages").ExcludeFromDescription();
        group.MapGet("/s/{slug}/qr.png", (string slug, string? k, int? size, HttpRequest request, IOptions<IntakeOptions> options) =>
        {
            using var code = Encode(ShareLink(request, options.Value, slug, k));
            // 24 px a module by default: about 1,000 px square, sharp at 10 cm on an A3 poster.
            var png = new PngByteQRCode(code).GetGraphic(Math.Clamp(size ?? 24, 4, 64));
            return Results.File(png, "image/png", $"{slug}-{k ?? "qr"}.png");
        });
        group.MapGet("/s/{slug}/qr.svg", (string slug, string? k, HttpRequest request, IOptions<IntakeOptions> options) =>
        {
            using var code = Encode(ShareLink(request, options.Value, slug, k));
            var svg = new SvgQRCode(code).GetGraphic(10);
            return Results.Text(svg, "image/svg+xml; charset=utf-8");
        });
        group.MapGet("/embed.js", () => QuestionnairePages.Asset("embed.js"));
        return app;
    }

    /// <summary>The public address of a survey for one channel, as a resident opens it from a post, a poster or a page.</summary>
    public static string ShareLink(HttpRequest request, IntakeOptions options, string slug, string? channel)
    {
        var origin = options.PublicBaseUrl?.ToString().TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        var link = $"{origin}/s/{Uri.EscapeDataString(slug)}";
        return ChannelCode.IsValid(channel) ? $"{link}?k={channel}" : link;
    }

    private static QRCodeData Encode(string text)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
    }
}
