using Survey.Domain.Questions;
using Survey.Domain.Surveys;

namespace Survey.Domain.Responses;

public static class ResponseValidator
{
    public const int MaxFreeTextLength = 2000;
    public const int MaxPriorities = 3;

    /// <summary>Checks an answer against its survey; every bad field is named, none is fixed silently.</summary>
    public static Errors Validate(ResponseAnswer a, SurveyDefinition survey)
    {
        var errors = new Errors();
        if (a.ResponseId == Guid.Empty)
            errors.Add("responseId", "Must not be the empty UUID.");
        if (a.Language is not null && !survey.Languages.Contains(a.Language))
            errors.Add("language", $"'{a.Language}' is not one of this survey's languages: {string.Join(", ", survey.Languages)}.");
        if (a.Channel is not null && !ChannelCode.IsValid(a.Channel))
            errors.Add("channel", $"Must be {ChannelCode.Rule}.");

        if (a.Concerns is not null)
        {
            CheckListed(errors, "concerns", a.Concerns, survey.Concerns);
            foreach (var dup in a.Concerns.GroupBy(c => c).Where(g => g.Count() > 1))
                errors.Add("concerns", $"'{dup.Key}' is listed more than once.");
        }
        if (a.Priorities is not null)
        {
            CheckListed(errors, "priorities", a.Priorities, survey.Concerns);
            if (a.Priorities.Distinct().Count() != a.Priorities.Count)
                errors.Add("priorities", "Each priority may be given only once.");
            if (a.Priorities.Count > MaxPriorities)
                errors.Add("priorities", $"At most {MaxPriorities} priorities, most important first; got {a.Priorities.Count}.");
        }
        if (a.Safety is not null and (< 1 or > 5))
            errors.Add("safety", "Must be 1 (mycket trygg) to 4 (mycket otrygg), or 5 (går aldrig ut ensam).");

        if (a.Area is not null && !survey.Areas.Any(x => x.Code == a.Area))
            errors.Add("area", $"'{a.Area}' is not one of this survey's areas: {string.Join(", ", survey.Areas.Select(x => x.Code))}.");
        if (a.AgeGroup is not null && !survey.AgeGroups.Contains(a.AgeGroup))
            errors.Add("ageGroup", $"'{a.AgeGroup}' is not one of: {string.Join(", ", survey.AgeGroups)}.");
        if (a.Gender is not null && !survey.Genders.Contains(a.Gender))
            errors.Add("gender", $"'{a.Gender}' is not one of: {string.Join(", ", survey.Genders)}.");
        if (a.FreeText is { Length: > MaxFreeTextLength })
            errors.Add("freeText", $"At most {MaxFreeTextLength} characters; got {a.FreeText.Length}.");
        if (TextRules.Problem(a.FreeText, lineBreaks: true) is { } problem)
            errors.Add("freeText", problem);
        LocalQuestions.ValidateAnswers(a.Answers, survey, errors);
        return errors;
    }

    private static void CheckListed(Errors errors, string field, IReadOnlyList<string> codes, IReadOnlyList<string> allowed)
    {
        for (var i = 0; i < codes.Count; i++)
            if (!allowed.Contains(codes[i]))
                errors.Add($"{field}[{i}]", $"'{codes[i]}' is not one of this survey's concerns.");
    }
}
