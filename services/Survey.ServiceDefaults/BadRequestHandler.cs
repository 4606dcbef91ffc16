using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.ServiceDefaults;

// A request body the binder cannot read (malformed JSON, a wrong type, an unknown field, text that
// is not UTF-8 or holds half a surrogate pair, a form over its limits) gets a problem+json that
// names the field, rather than a bare 400 or a 500.
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A form parser refuses more fields, or longer ones, than its limits with InvalidDataException.
        if (exception is InvalidDataException && httpContext.Request.HasFormContentType)
            exception = new BadHttpRequestException("The form could not be read: it has more fields, or longer ones, than this endpoint takes, or is malformed.",
                StatusCodes.Status413PayloadTooLarge, exception);
        if (exception is not BadHttpRequestException bad) return false;

        httpContext.Response.StatusCode = bad.StatusCode;
        if (httpContext.GetEndpoint()?.Metadata.GetMetadata<CountsRefusedAnswers>() is not null)
            httpContext.RequestServices.GetService<SurveyMetrics>()?.Rejected(bad.StatusCode);
        var problem = new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request has invalid fields." : "The request was refused.",
            Detail = bad.InnerException is JsonException ? "The body could not be read as the JSON this endpoint takes." : bad.Message,
        };
        if (bad.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path.TrimStart('$', '.');
            // Text that is not UTF-8, or half a surrogate pair, is named as such rather than as "could not be converted".
            var message = JsonText.Explain(json) is { } text ? $"{text} ({json.Message})" : json.Message;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field.Length == 0 ? "$" : field] = [message] };
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
