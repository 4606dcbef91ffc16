using Microsoft.AspNetCore.Http;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.Intake.Responses;

// Counts the answers refused, whichever way they came (the JSON API or the plain form): an answering endpoint's
// result with an error status, by that status. The rate limiter's 429s are counted where it refuses (ClientRateLimiting);
// accepted answers where they are made durable (ResponseSubmission), so a bot thanked by the form's trap is neither.
internal sealed class CountRefusals(SurveyMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is IStatusCodeHttpResult { StatusCode: int status and >= 400 }) metrics.Rejected(status);
        return result;
    }
}
