using Survey.Domain.Questions;
using Survey.Domain.Surveys;

namespace Survey.Domain.Responses;

public static class ResponseValidator
{
    public const int MaxFreeTextLength = 2000;

    // Checks an answer against its survey; every bad field is named, none is fixed silently.
    public static Errors Validate(ResponseAnswer a, SurveyDefinition survey)
    {
        var errors = new Errors();
        if (a.ResponseId == Guid.Empty)
            errors.Add("responseId", "Must not be the empty UUID.");
        if (a.Language is not null && !survey.Languages.Contains(a.Language))
            errors.Add("language", $"'{a.Language}' is not one of this survey's languages: {string.Join(", ", survey.Languages)}.");
        if (a.Channel is not null && !ChannelCode.IsValid(a.Channel))
            errors.Add("channel", $"Must be {ChannelCode.Rule}.");

        StandardQuestions.Validate(a, survey, errors);
        LocalQuestions.ValidateAnswers(a.Answers, survey, errors);
        return errors;
    }
}
