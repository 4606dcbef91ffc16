using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Survey.Domain.Questions;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Intake.RateLimiting;
using Survey.Intake.Responses;
using Survey.Intake.Surveys;
using Survey.ServiceDefaults;

namespace Survey.Intake.Questionnaire;

// The resident's pages under /s/: rendered on the server, working without JavaScript.
public static class QuestionnairePages
{
    public static WebApplication MapQuestionnairePages(this WebApplication app)
    {
        var pages = app.MapGroup("/s").WithTags("Resident pages").ExcludeFromDescription();
        pages.MapGet("/assets/{name}", Asset);
        pages.MapGet("/{slug}", ShowAsync);
        pages.MapPost("/{slug}", SubmitAsync).DisableAntiforgery().RequireRateLimiting(ClientRateLimiting.ResponsesPolicy)
            .CountRefusedAnswers();
        pages.MapGet("/{slug}/tack", ThanksAsync);
        pages.MapGet("/{slug}/tillganglighet", AccessibilityStatementAsync);
        pages.MapGet("/{slug}/resultat", ResultsPages.ShowAsync);
        return app;
    }

    private static async Task<IResult> ShowAsync(string slug, HttpRequest request, ISurveyDefinitionSource definitions, TimeProvider clock, CancellationToken ct)
    {
        var (survey, refusal) = await OpenSurveyAsync(slug, request, definitions, clock, ct);
        if (refusal is not null) return refusal;
        var texts = Texts.Choose(survey!, request);
        return Page(new QuestionnaireModel
        {
            Survey = survey!,
            Texts = texts,
            ResponseId = Guid.CreateVersion7(),
            Channel = Channel(request.Query["k"]),
            Answer = new ResponseAnswer { Language = texts.Language, InvitationCode = Blank(request.Query["kod"]) },
            PreviousResultsPath = await ResultsPages.PreviousPathAsync(survey!, texts, request, ct),
        });
    }

    private static async Task<IResult> SubmitAsync(
        string slug, HttpRequest request, ISurveyDefinitionSource definitions, ResponseSubmission submission, TimeProvider clock,
        IOptions<IntakeOptions> options, CancellationToken ct)
    {
        var (survey, refusal) = await OpenSurveyAsync(slug, request, definitions, clock, ct);
        if (refusal is not null) return refusal;
        var texts = Texts.Choose(survey!, request);
        // Nothing was saved: the way on, in any language, is the questionnaire again.
        MessageModel NotSaved(string what) => new(texts, texts[what + ".title"], texts[what + ".body"], texts["thanks.again"],
            QuestionnaireModel.Localised($"/s/{slug}", texts.Language, Channel(request.Query["k"])))
        {
            Slug = slug, Survey = survey, LanguagePath = $"/s/{slug}", Channel = Channel(request.Query["k"]),
        };
        // The page's form posts URL-encoded fields; nothing else is read.
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return Message(NotSaved("unreadable"), StatusCodes.Status415UnsupportedMediaType);

        if (await ReadFormAsync(request, options.Value, ct) is not { } form)
            return Message(NotSaved("tooLarge"), StatusCodes.Status413PayloadTooLarge);
        var answer = ReadForm(form, texts, survey!);
        var thanks = Thanks(survey!, texts);
        // A bot that filled in the hidden field is thanked like anyone, and nothing is counted.
        if (!string.IsNullOrEmpty(form["website"])) return Message(thanks, StatusCodes.Status200OK);

        var result = await submission.SubmitAsync(survey!, answer, new Errors(), ct);
        var model = new QuestionnaireModel
        {
            Survey = survey!,
            Texts = texts,
            ResponseId = result.ResponseId,
            Channel = answer.Channel,
            Answer = answer,
        };
        return result.Outcome switch
        {
            SubmissionOutcome.Accepted => Message(thanks, StatusCodes.Status200OK),
            SubmissionOutcome.Invalid => Page(model with { Errors = Explain(result.Errors, texts, survey!) }, StatusCodes.Status400BadRequest),
            _ => Page(model with { Errors = [new FieldError("submit", texts["unavailable.title"] + ". " + texts["unavailable.body"])] },
                StatusCodes.Status503ServiceUnavailable),
        };
    }

    // The thank-you page again, by GET: where the language switch of the thank-you page leads. It sends nothing and
    // counts nothing, so reloading it or following its links cannot answer twice.
    private static async Task<IResult> ThanksAsync(string slug, HttpRequest request, ISurveyDefinitionSource definitions, CancellationToken ct)
    {
        SurveyDefinition? survey;
        try { survey = await definitions.FindAsync(slug, ct); }
        catch (SurveyDefinitionsUnavailableException) { return Unavailable(slug); }
        if (survey is null) return NotFound(slug);
        request.HttpContext.AllowFramingBy(survey.EmbedOrigins);
        return Message(Thanks(survey, Texts.Choose(survey, request)), StatusCodes.Status200OK);
    }

    private static MessageModel Thanks(SurveyDefinition survey, Texts texts) =>
        new(texts, texts["thanks.title"], texts.Format("thanks.body", QuestionnaireModel.PeriodText(survey)))
        {
            Slug = survey.Slug, Survey = survey, LanguagePath = QuestionnaireModel.ThanksPath(survey.Slug),
        };

    private static async Task<IResult> AccessibilityStatementAsync(
        string slug, HttpRequest request, ISurveyDefinitionSource definitions, IOptions<SiteOptions> site, CancellationToken ct)
    {
        SurveyDefinition? survey;
        try { survey = await definitions.FindAsync(slug, ct); }
        catch (SurveyDefinitionsUnavailableException) { survey = null; }
        request.HttpContext.AllowFramingBy(survey?.EmbedOrigins);
        var texts = survey is null ? Texts.For(Texts.DefaultLanguage) : Texts.Choose(survey, request);
        return new RazorComponentResult<AccessibilityStatement>(new
        {
            Texts = texts, Survey = survey, Slug = slug, Contact = survey?.AccessibilityContact ?? site.Value.Contact,
        })
        {
            ContentType = "text/html; charset=utf-8",
        };
    }

    // The survey if it exists and is open; otherwise the page that says why not, in the resident's language.
    private static async Task<(SurveyDefinition? Survey, IResult? Refusal)> OpenSurveyAsync(
        string slug, HttpRequest request, ISurveyDefinitionSource definitions, TimeProvider clock, CancellationToken ct)
    {
        SurveyDefinition? survey;
        try
        {
            survey = await definitions.FindAsync(slug, ct);
        }
        catch (SurveyDefinitionsUnavailableException)
        {
            return (null, Unavailable(slug));
        }
        if (survey is null) return (null, NotFound(slug));
        // Every page of a survey that names its sites, the thank-you and closed pages too, is framed only there.
        request.HttpContext.AllowFramingBy(survey.EmbedOrigins);
        var texts = Texts.Choose(survey, request);
        // The questionnaire's address says "closed" or "not yet" in each of the survey's languages.
        // Each links to the survey's results page, which says what came of the answers (or when it will).
        MessageModel Shut(string what, DateTimeOffset when) => new(texts, texts[what + ".title"], texts.Format(what + ".body", QuestionnaireModel.When(when, texts)),
            texts["results.link"], QuestionnaireModel.Localised(ResultsModel.Path(slug), texts.Language, null))
        {
            Slug = slug, Survey = survey, LanguagePath = $"/s/{slug}", Channel = Channel(request.Query["k"]),
        };
        return survey.WindowAt(clock.GetUtcNow()) switch
        {
            SurveyWindowState.Closed => (null, Message(Shut("closed", survey.ClosesAt), StatusCodes.Status410Gone)),
            SurveyWindowState.NotYetOpen => (null, Message(Shut("notYet", survey.OpensAt), StatusCodes.Status410Gone)),
            _ => (survey, null),
        };
    }

    // No survey to take its languages from: Swedish, with the statement (and so a contact) still linked.
    private static IResult NotFound(string slug)
    {
        var sv = Texts.For(Texts.DefaultLanguage);
        return Message(new MessageModel(sv, sv["notFound.title"], sv["notFound.body"]) { Slug = slug }, StatusCodes.Status404NotFound);
    }

    private static IResult Unavailable(string slug)
    {
        var sv = Texts.For(Texts.DefaultLanguage);
        return Message(new MessageModel(sv, sv["unavailable.title"], sv["unavailable.body"]) { Slug = slug }, StatusCodes.Status503ServiceUnavailable);
    }

    // The form's fields, or null when there are more bytes or fields than an answer can have: the same
    // byte limit as the JSON endpoint, chunked or not, and a cap on fields (a form parser's count and
    // length limits are exceptions, which would otherwise be a 500).
    private static async Task<FormCollection?> ReadFormAsync(HttpRequest request, IntakeOptions o, CancellationToken ct)
    {
        if (await BoundedBody.ReadAsync(request, o.MaxBodyBytes, ct) is not { } body) return null;
        using var reader = new FormReader(new MemoryStream(body.ToArray(), writable: false))
        {
            ValueCountLimit = o.MaxFormFields,
            KeyLengthLimit = 100,
            ValueLengthLimit = o.MaxBodyBytes,
        };
        try
        {
            return new FormCollection(await reader.ReadFormAsync(ct));
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    // The plain form's fields as an answer, question by question (StandardQuestions): empty means "not answered";
    // on a multiple-choice question "none" means none of them (the concerns' "no problems") and "dontknow" no answer.
    internal static ResponseAnswer ReadForm(IFormCollection form, Texts texts, SurveyDefinition survey)
    {
        var answer = new ResponseAnswer
        {
            ResponseId = Guid.TryParse(form["responseId"], out var id) ? id : null,
            Language = texts.Language,
            Channel = Channel(form["channel"]),
            InvitationCode = Blank(form["invitationCode"]),
            Answers = ReadAnswers(form, survey),
        };
        foreach (var q in StandardQuestions.All)
            answer = q.IntoAnswer(answer, ReadStandard(form, q));
        return answer;
    }

    private static IReadOnlyList<string>? ReadStandard(IFormCollection form, StandardQuestion q)
    {
        var given = form[q.Code].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        switch (q.Type)
        {
            case QuestionTypes.MultipleChoice:
                var none = given.Remove(NoneOfThem);
                var dontKnow = given.Remove(DontKnow);
                return dontKnow ? null : given.Count > 0 ? given : none ? [] : null;
            case StandardQuestions.Ranked:
                // One select per place, in the page's order: the first chosen is the most important.
                return given.Count > 0 ? given : null;
            case QuestionTypes.Scale:
                return given is [var step] && int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? [n.ToString(CultureInfo.InvariantCulture)] : null;
            default:
                // Two values for one answer come from a form that was tampered with: kept together, so the validator names them.
                return given.Count > 0 ? [string.Join(",", given)] : null;
        }
    }

    internal const string NoneOfThem = "none";
    internal const string DontKnow = "dontknow";

    // The survey's own questions, posted as answers.<code>: read in the shape the JSON API takes, so one validator checks both.
    private static Dictionary<string, AnswerValue>? ReadAnswers(IFormCollection form, SurveyDefinition survey)
    {
        var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        foreach (var q in survey.Questions ?? [])
        {
            var given = form["answers." + q.Code].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            if (given.Count == 0) continue;
            answers[q.Code] = q.Type switch
            {
                QuestionTypes.MultipleChoice => new AnswerValue(AnswerShape.List, given),
                QuestionTypes.Scale when given[0] != QuestionTypes.DontKnow => new AnswerValue(AnswerShape.Number, given),
                _ => given.Count == 1 ? AnswerValue.Of(given[0]) : new AnswerValue(AnswerShape.List, given),
            };
        }
        return answers.Count == 0 ? null : answers;
    }

    private static List<FieldError> Explain(Errors errors, Texts texts, SurveyDefinition survey) =>
        errors.ToDictionary().Keys
            .Select(field => field.StartsWith("answers.", StringComparison.Ordinal) ? "answers-" + field["answers.".Length..].Split('[')[0] : field.Split('[', '.')[0])
            .Distinct()
            .Select(question => new FieldError(question, question switch
            {
                _ when question.StartsWith("answers-", StringComparison.Ordinal) =>
                    texts.Format("error.field", survey.Question(question["answers-".Length..])?.LabelIn(texts.Language) ?? question),
                "priorities" => texts["error.priorities"],
                "freeText" => texts["error.freeText"],
                "invitationCode" => texts["error.invitationCode"],
                _ => texts.Format("error.field", texts["q." + question]),
            }))
            .ToList();

    private static string? Blank(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();

    private static string? Channel(StringValues value) =>
        ChannelCode.IsValid(value.ToString()) ? value.ToString() : null;

    private static RazorComponentResult Page(QuestionnaireModel model, int status = StatusCodes.Status200OK) =>
        new RazorComponentResult<SurveyForm>(new { Model = model }) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    private static RazorComponentResult Message(MessageModel model, int status) =>
        new RazorComponentResult<MessagePage>(new { Model = model }) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    // A file embedded under Questionnaire/Assets, with its content type; 404 when there is none.
    internal static IResult Asset(string name) => EmbeddedAssets.Serve(typeof(QuestionnairePages).Assembly, "assets.", name);
}
