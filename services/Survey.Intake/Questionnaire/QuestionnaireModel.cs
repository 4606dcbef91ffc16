using Survey.Domain.Municipalities;
using Survey.Domain.Questions;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;

namespace Survey.Intake.Questionnaire;

// Everything a questionnaire page shows: the survey, the words, and (after a failed post) the answers and what was wrong.
public sealed record QuestionnaireModel
{
    public required SurveyDefinition Survey { get; init; }
    public required Texts Texts { get; init; }
    public required Guid ResponseId { get; init; }
    public string? Channel { get; init; }
    public ResponseAnswer Answer { get; init; } = new();
    // "No problems" was ticked: the concerns answered, and none of them.
    public bool ConcernsNone => Answer.Concerns is { Count: 0 };
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    // The same municipality's previous survey's results page ("så blev det förra gången"), when there is one.
    public string? PreviousResultsPath { get; init; }

    public string Municipality => MunicipalityRegistry.TryGet(Survey.MunicipalityCode, out var m) ? m.Name : Survey.MunicipalityCode;
    public string Title => Survey.Title ?? Texts.Format("page.title", Municipality);
    public string Period => PeriodText(Survey);

    public string PagePath => $"/s/{Survey.Slug}";
    public string ApiPath => $"/api/v1/public/surveys/{Survey.Slug}/responses";

    // The page's own address with another language, keeping the channel.
    public string LanguageLink(string language) => Localised(PagePath, language, Channel);

    // The thank-you page in a language, for the language switch once the answer is sent.
    public string ThanksLink(string language) => Localised(ThanksPath(Survey.Slug), language, null);

    // The thank-you page by GET, so that a resident who has answered can read it in another language without sending again.
    public static string ThanksPath(string slug) => $"/s/{slug}/tack";

    public static string StatementPath(string slug, string language) => Localised($"/s/{slug}/tillganglighet", language, null);

    // An address of a resident page in a language, keeping the channel the resident came through.
    public static string Localised(string path, string language, string? channel) =>
        path + "?lang=" + Uri.EscapeDataString(language) + (channel is null ? "" : "&k=" + Uri.EscapeDataString(channel));

    // How an option of a standard question reads: the area's own name, "16–24 år", or the texts' "q.<code>.<value>".
    public string OptionLabel(StandardQuestion question, string value) =>
        question == StandardQuestions.Area ? Survey.Areas.First(a => a.Code == value).Label
        : question == StandardQuestions.AgeGroup ? Texts.Format("q.ageGroup.value", value.Replace("-", "–", StringComparison.Ordinal))
        : Texts[$"q.{question.Code}.{value}"];

    public string? ErrorFor(string question) => Errors.FirstOrDefault(e => e.Question == question)?.Message;

    public static string PeriodText(SurveyDefinition s) =>
        s.PledgePeriodStart.Year == s.PledgePeriodEnd.Year ? $"{s.PledgePeriodStart.Year}" : $"{s.PledgePeriodStart.Year}–{s.PledgePeriodEnd.Year}";

    private static readonly TimeZoneInfo Sweden = FindSwedishTime();

    public static string When(DateTimeOffset moment, Texts texts) =>
        TimeZoneInfo.ConvertTime(moment, Sweden).ToString(texts["_dateTime"], texts.Culture);

    private static TimeZoneInfo FindSwedishTime()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}

// A problem with one question's answer, in the resident's language; Question is the element id without "q-".
public sealed record FieldError(string Question, string Message);

// A plain page with a heading and a paragraph (thank you, closed, not found …).
public sealed record MessageModel(Texts Texts, string Title, string Body, string? LinkText = null, string? LinkHref = null)
{
    // The address the resident asked for; the footer's statement link needs it even when no such survey exists.
    public required string Slug { get; init; }

    // The survey, when there is one: its languages go in the footer.
    public SurveyDefinition? Survey { get; init; }

    // This page's GET address, to which the language switch adds ?lang= (and the channel); null: no switch.
    public string? LanguagePath { get; init; }

    public string? Channel { get; init; }

    public string LanguageLink(string language) => QuestionnaireModel.Localised(LanguagePath!, language, Channel);
}
