using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Survey.Contracts;
using Survey.Domain.Concerns;
using Survey.Domain.Municipalities;
using Survey.Domain.Questions;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Intake.Questionnaire;
using Survey.Intake.RateLimiting;
using Survey.Intake.Surveys;

namespace Survey.Intake.Responses;

public sealed record Receipt(Guid ResponseId);

public static class ResponseIntakeApi
{
    public static WebApplication MapResponseIntake(this WebApplication app)
    {
        var surveys = app.MapGroup("/api/v1/public/surveys/{slug}").WithTags("Public");

        surveys.MapPost("/responses", SubmitAsync)
            .WithName("SubmitResponse")
            .WithSummary("Submit a resident's response")
            .WithDescription("Answers 202 only after the response is durable (broker confirm, or store commit when embedded). A repeated responseId answers 202 and is counted once.")
            .RequireRateLimiting(ClientRateLimiting.ResponsesPolicy)
            .CountRefusedAnswers()
            .Accepts<ResponseAnswer>("application/json")
            .Produces<Receipt>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        surveys.MapGet("/", GetQuestionnaireAsync)
            .WithName("GetPublishedSurvey")
            .WithSummary("The published questionnaire")
            .Produces<PublishedSurvey>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> SubmitAsync(
        string slug, HttpContext http, ISurveyDefinitionSource definitions, ResponseSubmission submission,
        TimeProvider clock, IOptions<IntakeOptions> options, CancellationToken ct)
    {
        var o = options.Value;
        var request = http.Request;
        if (!request.HasJsonContentType())
            return Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.",
                $"Send Content-Type: application/json (got '{request.ContentType ?? "none"}').");
        if (request.ContentLength > o.MaxBodyBytes)
            return TooLarge(o);

        var (survey, unavailable) = await FindSurveyAsync(slug, definitions, o, ct);
        if (unavailable is not null) return unavailable;
        if (survey is null) return UnknownSurvey(slug);
        var window = survey.WindowAt(clock.GetUtcNow());
        if (window != SurveyWindowState.Open)
            return Problem(StatusCodes.Status410Gone,
                window == SurveyWindowState.Closed ? "The survey is closed." : "The survey is not open yet.",
                window == SurveyWindowState.Closed
                    ? $"Survey '{slug}' closed at {survey.ClosesAt:yyyy-MM-dd HH:mm zzz}."
                    : $"Survey '{slug}' opens at {survey.OpensAt:yyyy-MM-dd HH:mm zzz}.");

        if (await BoundedBody.ReadAsync(request, o.MaxBodyBytes, ct) is not { } body) return TooLarge(o);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["$"] = [$"Not valid JSON: {e.Message}"] },
                title: "The request has invalid fields.");
        }

        ResponseAnswer answer;
        Errors errors;
        using (document) (answer, errors) = ResponseRequestReader.Read(document.RootElement);
        var result = await submission.SubmitAsync(survey, answer, errors, ct);
        return result.Outcome switch
        {
            SubmissionOutcome.Accepted => Results.Json(new Receipt(result.ResponseId), statusCode: StatusCodes.Status202Accepted),
            SubmissionOutcome.Invalid => Results.ValidationProblem(result.Errors.ToDictionary(), title: "The response has invalid fields."),
            _ => Unavailable(o, "Your answer could not be saved just now. Please send it again in a moment; it will be counted once."),
        };
    }

    private static async Task<IResult> GetQuestionnaireAsync(
        string slug, ISurveyDefinitionSource definitions, TimeProvider clock, IOptions<IntakeOptions> options, CancellationToken ct)
    {
        var (survey, unavailable) = await FindSurveyAsync(slug, definitions, options.Value, ct);
        if (unavailable is not null) return unavailable;
        if (survey is null) return UnknownSurvey(slug);
        return Results.Ok(PublishedSurvey.From(survey, clock.GetUtcNow()));
    }

    private static async Task<(SurveyDefinition? Survey, IResult? Unavailable)> FindSurveyAsync(
        string slug, ISurveyDefinitionSource definitions, IntakeOptions o, CancellationToken ct)
    {
        try
        {
            return (await definitions.FindAsync(slug, ct), null);
        }
        catch (SurveyDefinitionsUnavailableException)
        {
            return (null, Unavailable(o, "The survey cannot be read just now. Please try again in a moment."));
        }
    }

    private static IResult UnknownSurvey(string slug) =>
        Problem(StatusCodes.Status404NotFound, "No such survey.", $"There is no survey '{slug}'.");

    private static IResult TooLarge(IntakeOptions o) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"A response may be at most {o.MaxBodyBytes / 1024} KB.");

    private static IResult Unavailable(IntakeOptions o, string detail) =>
        new RetryAfterResult(o.RetryAfterSeconds,
            Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable.", detail));

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    private sealed class RetryAfterResult(int seconds, IResult inner) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}

// The questionnaire as a resident's client needs it: questions, options with labels, languages, window.
public sealed record PublishedSurvey(
    string Slug,
    string Title,
    string MunicipalityCode,
    string MunicipalityName,
    IReadOnlyList<string> Languages,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    SurveyWindowState Window,
    IReadOnlyList<Option> Concerns,
    IReadOnlyList<Option> Areas,
    IReadOnlyList<string> AgeGroups,
    IReadOnlyList<string> Genders,
    IReadOnlyList<Option> Safety)
{
    // The survey's own questions (answered as "answers": {"code": …}), with their wording in each of its languages.
    public IReadOnlyList<Survey.Domain.Questions.LocalQuestion> Questions { get; init; } = [];

    private static readonly Texts Swedish = Texts.For(Texts.DefaultLanguage);

    public static PublishedSurvey From(SurveyDefinition s, DateTimeOffset now)
    {
        var municipality = MunicipalityRegistry.TryGet(s.MunicipalityCode, out var m) ? m.Name : s.MunicipalityCode;
        return new PublishedSurvey(
            s.Slug,
            s.Title ?? $"Var med och påverka – {municipality}",
            s.MunicipalityCode,
            municipality,
            s.Languages,
            s.OpensAt,
            s.ClosesAt,
            s.WindowAt(now),
            s.Concerns.Select(c => new Option(c, ConcernTaxonomy.SwedishLabel(c))).ToList(),
            s.Areas,
            s.AgeGroups,
            s.Genders,
            StandardQuestions.Safety.Options(s).Select(step => new Option(step, Swedish["q.safety." + step])).ToList())
        {
            Questions = s.Questions ?? [],
        };
    }
}
