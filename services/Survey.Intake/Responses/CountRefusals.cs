using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.Intake.Responses;

internal static class CountRefusalsExtensions
{
    // An answering endpoint: its refusals are counted, those of its own results (the filter) and those of a body that
    // could not be read at all (BadRequestHandler, by the metadata: a malformed JSON, a wrong media type, a body too large).
    public static RouteHandlerBuilder CountRefusedAnswers(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<CountRefusals>().WithMetadata(CountsRefusedAnswers.Instance);

    // Routing itself refuses a body of a media type an endpoint does not accept (its Accepts metadata), with a 415 endpoint
    // of its own that carries none of the answering endpoint's metadata: such a 415, on the path and method of an
    // answering endpoint, is counted here. Call after the answering endpoints are mapped.
    public static WebApplication CountAnswersRefusedByRouting(this WebApplication app)
    {
        var answering = new Lazy<(TemplateMatcher Path, IReadOnlyList<string> Methods)[]>(() => app.Services
            .GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<CountsRefusedAnswers>() is not null && e.RoutePattern.RawText is not null)
            .Select(e => (new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), new RouteValueDictionary()),
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .ToArray());
        app.Use(async (http, next) =>
        {
            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType
                && http.GetEndpoint()?.Metadata.GetMetadata<CountsRefusedAnswers>() is null
                && answering.Value.Any(a => a.Methods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase)
                    && a.Path.TryMatch(http.Request.Path, new RouteValueDictionary())))
                http.RequestServices.GetRequiredService<SurveyMetrics>().Rejected(StatusCodes.Status415UnsupportedMediaType);
        });
        return app;
    }
}

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
