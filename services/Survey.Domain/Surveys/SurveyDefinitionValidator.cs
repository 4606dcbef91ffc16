using System.Text.RegularExpressions;
using Survey.Domain.Concerns;
using Survey.Domain.Municipalities;
using Survey.Domain.Questions;

namespace Survey.Domain.Surveys;

public static partial class SurveyDefinitionValidator
{
    // \z, not $, in every whole-text pattern: "$" also matches before a final "\n".
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,62}\z")]
    public static partial Regex CodePattern();

    // Age groups and genders are joined with "|" in the age × gender tallies, and "*" is every gender in the weighting.
    [GeneratedRegex(@"^[A-Za-z0-9ÅÄÖåäö_+-]{1,32}\z")]
    private static partial Regex GroupCodePattern();

    // The most sites one survey may be embedded on (each goes into a response header).
    public const int MaxEmbedOrigins = 20;

    // ASCII only: an origin is written into a response header, where å, ä, ö cannot go (use the xn-- form).
    [GeneratedRegex("^https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?\\z", RegexOptions.IgnoreCase)]
    private static partial Regex EmbedOriginPattern();

    // An https origin (scheme, host, optional port; no path, no trailing slash), e.g. https://www.kalix.se.
    public static bool IsEmbedOrigin(string? origin) =>
        origin is { Length: <= 200 } && EmbedOriginPattern().IsMatch(origin) && Uri.TryCreate(origin, UriKind.Absolute, out _);

    public static Errors Validate(SurveyDefinition d)
    {
        var errors = new Errors();
        if (!CodePattern().IsMatch(d.Slug ?? ""))
            errors.Add("slug", "Must be 2–63 characters: lower-case letters a–z, digits and hyphens, starting with a letter or digit.");
        if (!MunicipalityRegistry.TryGet(d.MunicipalityCode, out _))
            errors.Add("municipalityCode", $"'{d.MunicipalityCode}' is not the SCB code of one of Sweden's 290 municipalities (e.g. 2514 for Kalix).");
        if (d.Title is { Length: > 200 })
            errors.Add("title", "At most 200 characters.");
        CheckText(errors, "title", d.Title);
        if (d.PopulationSource is { Length: > 200 })
            errors.Add("populationSource", "At most 200 characters.");
        CheckText(errors, "populationSource", d.PopulationSource);
        if (d.PledgePeriodEnd <= d.PledgePeriodStart)
            errors.Add("pledgePeriodEnd", "The pledge period must end after it starts.");
        if (d.ClosesAt <= d.OpensAt)
            errors.Add("closesAt", "The survey must close after it opens.");

        CheckCodes(errors, "languages", d.Languages, allowed: SurveyDefaults.SupportedLanguages, required: true);
        foreach (var language in (d.Languages ?? []).Where(l => l is not null && !SurveyDefaults.SupportedLanguages.Contains(l)))
            errors.Add("languages", $"'{language}' has no complete questionnaire text yet, so residents would see Swedish: offer it when its " +
                $"text is written. Languages with texts: {string.Join(", ", SurveyDefaults.SupportedLanguages)}.");
        if (d.Languages is { Count: > 0 } && !d.Languages.Contains("sv"))
            errors.Add("languages", "Swedish (sv) must be one of the languages.");
        CheckCodes(errors, "concerns", d.Concerns, allowed: ConcernTaxonomy.All.Select(c => c.Code).ToList(), required: true);
        CheckCodes(errors, "ageGroups", d.AgeGroups, allowed: null, required: false);
        CheckCodes(errors, "genders", d.Genders, allowed: null, required: false);

        if (d.Areas is null)
            errors.Add("areas", "Required (an empty list when the survey does not ask for area).");
        else
        {
            for (var i = 0; i < d.Areas.Count; i++)
            {
                var area = d.Areas[i];
                // A code with a control character is named for that, not also for its pattern.
                if (CheckText(errors, $"areas[{i}].code", area?.Code) && (area is null || !CodePattern().IsMatch(area.Code ?? "")))
                    errors.Add($"areas[{i}].code", "Must be lower-case letters a–z, digits and hyphens.");
                if (area is null || string.IsNullOrWhiteSpace(area.Label) || area.Label.Length > 100)
                    errors.Add($"areas[{i}].label", "Required, at most 100 characters.");
                CheckText(errors, $"areas[{i}].label", area?.Label);
            }
            foreach (var dup in d.Areas.Where(a => a is not null).GroupBy(a => a.Code).Where(g => g.Count() > 1))
                errors.Add("areas", $"The code '{dup.Key}' appears more than once.");
        }

        if (d.MinimumCellSize is < 1 or > 100)
            errors.Add("minimumCellSize", "Must be between 1 and 100.");
        foreach (var (concern, floor) in d.MinimumCellSizeByConcern ?? new Dictionary<string, int>())
        {
            if (d.Concerns?.Contains(concern) != true)
                errors.Add($"minimumCellSizeByConcern.{concern}", "Not one of this survey's concerns.");
            if (floor is < 1 or > 100)
                errors.Add($"minimumCellSizeByConcern.{concern}", "Must be between 1 and 100.");
        }
        CheckEmbedOrigins(errors, d.EmbedOrigins);
        AccessibilityContact.Validate(d.AccessibilityContact, errors);
        LocalQuestions.Validate(d, errors);
        return errors;
    }

    private static void CheckEmbedOrigins(Errors errors, IReadOnlyList<string>? origins)
    {
        if (origins is null) return;
        if (origins.Count > MaxEmbedOrigins)
            errors.Add("embedOrigins", $"At most {MaxEmbedOrigins} origins.");
        for (var i = 0; i < origins.Count; i++)
        {
            if (!IsEmbedOrigin(origins[i]))
                errors.Add($"embedOrigins[{i}]", "Must be an https origin such as https://www.kalix.se: no path and no slash at the end; " +
                    "a name with å, ä or ö in its xn-- form.");
        }
        foreach (var dup in origins.Where(o => o is not null).GroupBy(o => o, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add("embedOrigins", $"The origin '{dup.Key}' appears more than once.");
    }

    // Adds why a text field cannot be kept (a control character, half a surrogate pair, U+FFFE/U+FFFF);
    // false when it did. Every text an admin writes goes through this, so that no export can fail on it.
    public static bool CheckText(Errors errors, string field, string? text)
    {
        if (TextRules.Problem(text) is not { } problem) return true;
        errors.Add(field, problem);
        return false;
    }

    private static void CheckCodes(Errors errors, string field, IReadOnlyList<string>? codes, IReadOnlyList<string>? allowed, bool required)
    {
        if (codes is null || (required && codes.Count == 0))
        {
            errors.Add(field, "Required: at least one code.");
            return;
        }
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i];
            if (allowed is null && !CheckText(errors, $"{field}[{i}]", code)) continue;
            if (allowed is not null ? !allowed.Contains(code) : code is null || !GroupCodePattern().IsMatch(code))
                errors.Add($"{field}[{i}]", allowed is null
                    ? "Must be a code of 1–32 characters: letters (a–z, å, ä, ö), digits, '-', '+' and '_'."
                    : $"'{code}' is not one of: {string.Join(", ", allowed)}.");
        }
        foreach (var dup in codes.GroupBy(c => c).Where(g => g.Count() > 1))
            errors.Add(field, $"The code '{dup.Key}' appears more than once.");
    }
}
