using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Survey.Domain.Responses;
using Survey.Domain.Tallying;
using Survey.Ranking.Access;
using Survey.Store;

namespace Survey.Ranking.Channels;

public sealed record ShareKit(string Channel, string Link, string QrPng, string QrSvg, string Iframe, string Script);

public sealed record ChannelCount(string? Channel, long Respondents);

public sealed record ChannelReport(string Survey, long Respondents, IReadOnlyList<ChannelCount> Channels, IReadOnlyList<DayCount> Days);

/// <summary>For communications staff: what to paste where, and which channel brings answers.</summary>
public static class ChannelsApi
{
    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/surveys/{slug}").WithTags("Channels");

        group.MapGet("/share", async Task<Results<Ok<ShareKit>, NotFound, ValidationProblem>> (
            string slug, string k, HttpRequest request, IConfiguration configuration, ISurveyStore surveys, CancellationToken ct) =>
        {
            if (!ChannelCode.IsValid(k))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["k"] = [$"The channel must be {ChannelCode.Rule} (e.g. facebook, affisch, lokaltidningen)."],
                });
            if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
            var origin = PublicBaseUrl(configuration) ?? $"{request.Scheme}://{request.Host}";
            var page = $"{origin}/s/{survey.Slug}";
            // Only what would break the attribute is escaped, so the snippet stays readable (å, not &#229;).
            var title = (survey.Title ?? "Var med och påverka")
                .Replace("&", "&amp;").Replace("\"", "&quot;").Replace("<", "&lt;").Replace(">", "&gt;");
            return TypedResults.Ok(new ShareKit(
                k!,
                $"{page}?k={k}",
                $"{page}/qr.png?k={k}",
                $"{page}/qr.svg?k={k}",
                $"<iframe src=\"{page}?k={k}&amp;embed=1\" title=\"{title}\" width=\"100%\" height=\"1800\" style=\"border:0\" loading=\"lazy\"></iframe>",
                $"<script src=\"{origin}/embed.js\" data-survey=\"{survey.Slug}\" data-channel=\"{k}\" data-title=\"{title}\" async></script>"));
        })
        .WithSummary("Share link, QR codes and embed snippets for one channel (?k=facebook)")
        .RequireAuthorization(StaffPolicies.Comms)
        .ProducesValidationProblem();

        group.MapGet("/channels", async Task<Results<Ok<ChannelReport>, NotFound>> (
            string slug, ISurveyStore surveys, IResponseStore responses, CancellationToken ct) =>
        {
            if (await surveys.FindAsync(slug, ct) is null) return TypedResults.NotFound();
            return TypedResults.Ok(await ReadAsync(slug, responses, ct));
        })
        .WithSummary("Responses per channel (null: the plain link) and per day");
        return app;
    }

    /// <summary>
    /// Where residents reach the survey: Sharing:PublicBaseUrl, else Intake's (one setting serves the embedded
    /// host), else null and the request's own address, whose Host host filtering has checked against AllowedHosts.
    /// </summary>
    private static string? PublicBaseUrl(IConfiguration configuration) =>
        new[] { configuration["Sharing:PublicBaseUrl"], configuration["Intake:PublicBaseUrl"] }
            .FirstOrDefault(u => !string.IsNullOrWhiteSpace(u))?.TrimEnd('/');

    /// <summary>Responses per channel, most first (null: the plain link), and per day.</summary>
    public static async Task<ChannelReport> ReadAsync(string slug, IResponseStore responses, CancellationToken ct)
    {
        var tallies = await responses.ReadTalliesAsync(slug, Dimensions.Channel, ct);
        var channels = tallies
            .Where(t => t.Metric == Metrics.Respondents)
            .Select(t => new ChannelCount(t.Value.Length == 0 ? null : t.Value, t.Count))
            .OrderByDescending(c => c.Respondents).ThenBy(c => c.Channel is null).ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToList();
        var days = await responses.ReadResponsesPerDayAsync(slug, ct);
        return new ChannelReport(slug, channels.Sum(c => c.Respondents), channels, days);
    }
}
