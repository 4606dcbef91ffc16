using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Survey.Domain.Surveys;
using Survey.Intake.Feedback;
using Survey.Intake.Surveys;
using Survey.ServiceDefaults;

namespace Survey.Intake.Questionnaire;

// GET /s/{slug}/resultat: "ni sa – vi gjorde", in the survey's languages.
public static class ResultsPages
{
    public static async Task<IResult> ShowAsync(
        string slug, HttpRequest request, ISurveyDefinitionSource definitions, TimeProvider clock, CancellationToken ct)
    {
        var sv = Texts.For(Texts.DefaultLanguage);
        IResult Unavailable() => Message(new MessageModel(sv, sv["unavailable.title"], sv["unavailable.body"]) { Slug = slug },
            StatusCodes.Status503ServiceUnavailable);
        // A host without a results source (one that composes Intake with definitions of its own) has no results page.
        var source = request.HttpContext.RequestServices.GetService<IPublicResultsSource>();
        SurveyDefinition? survey;
        try { survey = await definitions.FindAsync(slug, ct); }
        catch (SurveyDefinitionsUnavailableException) { return Unavailable(); }
        if (survey is null || source is null)
            return Message(new MessageModel(sv, sv["notFound.title"], sv["notFound.body"]) { Slug = slug }, StatusCodes.Status404NotFound);
        request.HttpContext.AllowFramingBy(survey.EmbedOrigins);

        Domain.Pledges.PublicResults? results;
        try { results = await source.FindAsync(slug, ct); }
        catch (PublicResultsUnavailableException) { return Unavailable(); }
        if (results is null)
            return Message(new MessageModel(sv, sv["notFound.title"], sv["notFound.body"]) { Slug = slug }, StatusCodes.Status404NotFound);

        var texts = Texts.Choose(survey, request);
        return new RazorComponentResult<ResultsPage>(new
        {
            Model = new ResultsModel(survey, texts, results) { SurveyOpen = survey.WindowAt(clock.GetUtcNow()) == SurveyWindowState.Open },
        })
        {
            ContentType = "text/html; charset=utf-8",
        };
    }

    // The previous survey's results page, for "så blev det förra gången" on the open questionnaire; null when there is
    // none, or it cannot be read now (the questionnaire is shown anyway).
    public static async Task<string?> PreviousPathAsync(SurveyDefinition survey, Texts texts, HttpRequest request, CancellationToken ct)
    {
        if (request.HttpContext.RequestServices.GetService<IPublicResultsSource>() is not { } source) return null;
        try
        {
            return (await source.FindAsync(survey.Slug, ct))?.Previous is { } previous
                ? QuestionnaireModel.Localised(ResultsModel.Path(previous.Slug), texts.Language, null)
                : null;
        }
        catch (PublicResultsUnavailableException)
        {
            return null;
        }
    }

    private static RazorComponentResult Message(MessageModel model, int status) =>
        new RazorComponentResult<MessagePage>(new { Model = model }) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}
