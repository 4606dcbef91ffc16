using System.Text.RegularExpressions;
using Survey.Domain.Pledges;
using Survey.Domain.Surveys;

namespace Survey.Staff.Pledges;

// A pledge as staff send it. Everything is nullable so that a missing field is named, not a parse failure.
public sealed record PledgeRequest(
    IReadOnlyList<FocusAreaRequest?>? FocusAreas, IReadOnlyList<ActivityRequest?>? Activities, DateOnly? SignedOn, LocalText? SignedBy);

public sealed record FocusAreaRequest(string? Concern, LocalText? Why);

public sealed record ActivityRequest(string? Code, LocalText? Text, int? Target, LocalText? Unit, string? FocusArea);

public sealed record ProgressRequest(DateOnly? Date, LocalText? Text, string? Activity, int? Done);

public static partial class PledgeRules
{
    public const int MaxFocusAreas = 5;
    public const int MaxActivities = 20;
    public const int MaxWhy = 1_000;
    public const int MaxActivityText = 500;
    public const int MaxUnit = 100;
    public const int MaxSignedBy = 300;
    public const int MaxProgressText = 2_000;
    public const int MaxCount = 100_000;

    public static (Pledge? Pledge, Errors Errors) Validate(PledgeRequest request, SurveyDefinition survey)
    {
        var errors = new Errors();
        var focusAreas = new List<PledgeFocusArea>();
        if (request.FocusAreas is not { Count: >= 1 and <= MaxFocusAreas })
            errors.Add("focusAreas", $"Between 1 and {MaxFocusAreas} focus areas, each a concern from the survey's list with why it was chosen.");
        else
            for (var i = 0; i < request.FocusAreas.Count; i++)
            {
                var field = $"focusAreas[{i}]";
                if (request.FocusAreas[i] is not { } area) { errors.Add(field, "A focus area is an object with concern and why."); continue; }
                if (string.IsNullOrEmpty(area.Concern) || !survey.Concerns.Contains(area.Concern))
                    errors.Add(field + ".concern", $"'{area.Concern}' is not one of the survey's concerns ({string.Join(", ", survey.Concerns)}).");
                else if (focusAreas.Any(f => f.Concern == area.Concern))
                    errors.Add(field + ".concern", $"'{area.Concern}' is chosen twice.");
                CheckText(errors, field + ".why", area.Why, MaxWhy, survey, required: true);
                if (area.Concern is not null && area.Why is not null) focusAreas.Add(new PledgeFocusArea(area.Concern, area.Why));
            }

        var activities = new List<PledgeActivity>();
        if (request.Activities is not { Count: <= MaxActivities })
            errors.Add("activities", $"A list of at most {MaxActivities} activities (it may be empty).");
        else
            for (var i = 0; i < request.Activities.Count; i++)
            {
                var field = $"activities[{i}]";
                if (request.Activities[i] is not { } activity) { errors.Add(field, "An activity is an object with code and text."); continue; }
                if (activity.Code is null || !CodePattern().IsMatch(activity.Code))
                    errors.Add(field + ".code", "Required: 1–40 lower-case letters a–z, digits and -, naming the activity in progress updates (e.g. trygghetsvandringar).");
                else if (activities.Any(a => a.Code == activity.Code))
                    errors.Add(field + ".code", $"'{activity.Code}' names two activities.");
                CheckText(errors, field + ".text", activity.Text, MaxActivityText, survey, required: true);
                if (activity.Target is not null and not (>= 1 and <= MaxCount))
                    errors.Add(field + ".target", $"A whole number from 1 to {MaxCount}, or left out.");
                CheckText(errors, field + ".unit", activity.Unit, MaxUnit, survey, required: false);
                if (activity.Unit is not null && activity.Target is null)
                    errors.Add(field + ".unit", "A unit goes with a target.");
                if (activity.FocusArea is not null && request.FocusAreas?.Any(f => f?.Concern == activity.FocusArea) != true)
                    errors.Add(field + ".focusArea", $"'{activity.FocusArea}' is not one of the pledge's focus areas.");
                if (activity.Code is not null && activity.Text is not null)
                    activities.Add(new PledgeActivity
                    {
                        Code = activity.Code, Text = activity.Text, Target = activity.Target, Unit = activity.Unit, FocusArea = activity.FocusArea,
                    });
            }

        CheckText(errors, "signedBy", request.SignedBy, MaxSignedBy, survey, required: false);
        if (request.SignedOn is { } signed && signed > survey.PledgePeriodEnd)
            errors.Add("signedOn", $"The pledge is signed before its period ends ({survey.PledgePeriodEnd:yyyy-MM-dd}).");

        return errors.IsEmpty
            ? (new Pledge { FocusAreas = focusAreas, Activities = activities, SignedOn = request.SignedOn, SignedBy = request.SignedBy }, errors)
            : (null, errors);
    }

    public static (PledgeProgress? Progress, Errors Errors) Validate(ProgressRequest request, SurveyDefinition survey, Pledge pledge)
    {
        var errors = new Errors();
        if (request.Date is not { } date)
            errors.Add("date", "Required: the date of the update (e.g. 2027-03-14).");
        else if (date < survey.PledgePeriodStart || date > survey.PledgePeriodEnd)
            errors.Add("date", $"Outside the pledge period ({survey.PledgePeriodStart:yyyy-MM-dd} – {survey.PledgePeriodEnd:yyyy-MM-dd}).");
        CheckText(errors, "text", request.Text, MaxProgressText, survey, required: true, lineBreaks: true);
        var activity = request.Activity is null ? null : pledge.Activities.FirstOrDefault(a => a.Code == request.Activity);
        if (request.Activity is not null && activity is null)
            errors.Add("activity", $"'{request.Activity}' is not one of the pledge's activities ({string.Join(", ", pledge.Activities.Select(a => a.Code))}).");
        if (request.Done is { } done)
        {
            if (request.Activity is null) errors.Add("done", "How many are done is counted for an activity: name it in activity.");
            else if (activity is { Target: null }) errors.Add("done", $"The activity '{activity.Code}' has no target to count against.");
            else if (done is < 0 or > MaxCount) errors.Add("done", $"A whole number from 0 to {MaxCount}.");
        }
        return errors.IsEmpty
            ? (new PledgeProgress { Date = request.Date!.Value, Text = request.Text!, Activity = request.Activity, Done = request.Done }, errors)
            : (null, errors);
    }

    // A resident-facing text: Swedish required, other languages only those the survey offers; plain text of a bounded length.
    private static void CheckText(Errors errors, string field, LocalText? text, int max, SurveyDefinition survey, bool required, bool lineBreaks = false)
    {
        if (text is null)
        {
            if (required) errors.Add(field, "Required: a Swedish text, or {\"sv\": …, \"en\": …} in the survey's languages.");
            return;
        }
        if (string.IsNullOrWhiteSpace(text.ByLanguage.GetValueOrDefault("sv")))
            errors.Add(field, "The Swedish text is required and cannot be empty.");
        foreach (var (language, words) in text.ByLanguage)
        {
            var at = text.ByLanguage.Count == 1 && language == "sv" ? field : $"{field}.{language}";
            if (!survey.Languages.Contains(language))
                errors.Add(at, $"'{language}' is not one of the survey's languages ({string.Join(", ", survey.Languages)}).");
            else if (language != "sv" && string.IsNullOrWhiteSpace(words))
                errors.Add(at, "Empty: leave the language out, and the page shows the Swedish text.");
            if (words.Length > max)
                errors.Add(at, $"At most {max} characters (this has {words.Length}).");
            if (TextRules.Problem(words, lineBreaks) is { } problem)
                errors.Add(at, problem);
            // The pledge is published on the survey's public page: a contact's phone number or e-mail may be the office's
            // own, but a personnummer never belongs there.
            else if (Survey.Domain.Responses.FreeTextScrubber.HoldsPersonalIdentityNumber(words))
                errors.Add(at, "The text holds a personnummer, and the pledge is published: leave it out.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();
}
