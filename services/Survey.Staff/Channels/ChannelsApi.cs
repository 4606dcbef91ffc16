using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Survey.Domain.Disclosure;
using Survey.Domain.Responses;
using Survey.Domain.Tallying;
using Survey.Staff.Access;
using Survey.Staff.Disclosure;
using Survey.Store;

namespace Survey.Staff.Channels;

public sealed record ShareKit(string Channel, string Link, string QrPng, string QrSvg, string Iframe, string Script);

// Answers from one channel (null: the plain link); null figures are hidden by the disclosure gate.
public sealed record ChannelCount(string? Channel, long? Respondents, double? Share);

public sealed record ChannelReport(
    string Survey, long? Respondents, string SuppressionRule, IReadOnlyList<ChannelCount> Channels, IReadOnlyList<PublishedDay> Days);

// For communications staff: what to paste where, and which channel brings answers.
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
        .WithName("GetShareKit")
        .WithSummary("Share link, QR codes and embed snippets for one channel (?k=facebook)")
        .RequireAuthorization(StaffPolicies.Comms)
        .ProducesValidationProblem();

        group.MapGet("/channels", async Task<Results<Ok<ChannelReport>, NotFound>> (
            string slug, ISurveyStore surveys, SurveyFigures figures, CancellationToken ct) =>
        {
            if (await surveys.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
            return TypedResults.Ok(Report(await figures.ReadAsync(survey, withDays: true, ct)));
        })
        .WithName("GetChannels")
        .WithSummary("Responses per channel (null: the plain link) and per day; a hidden figure is null (suppressionRule)");
        return app;
    }

    // Where residents reach the survey: Sharing:PublicBaseUrl, else Intake's (one setting serves the embedded
    // host), else null and the request's own address, whose Host host filtering has checked against AllowedHosts.
    private static string? PublicBaseUrl(IConfiguration configuration) =>
        new[] { configuration["Sharing:PublicBaseUrl"], configuration["Intake:PublicBaseUrl"] }
            .FirstOrDefault(u => !string.IsNullOrWhiteSpace(u))?.TrimEnd('/');

    // Responses per channel, most first (null: the plain link), and per day: the channel breakdown's
    // respondents as the gate shows them, so these hide exactly what ranking?by=channel hides. Hidden
    // channels come after the shown ones, in code order, so their order tells nothing.
    public static ChannelReport Report(PublishedSurvey published)
    {
        var channels = published.Breakdown(Dimensions.Channel).Groups
            .Select(g => new ChannelCount(g.Value.Length == 0 ? null : g.Value, g.Respondents, g.RespondentShare))
            .OrderBy(c => c.Respondents is null).ThenByDescending(c => c.Respondents ?? 0)
            .ThenBy(c => c.Channel is null).ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToList();
        return new ChannelReport(published.Survey.Slug, published.Respondents, DisclosureRule.English(published.Survey), channels,
            published.Days ?? []);
    }
}
