using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Survey.Domain.Surveys;

// Where a resident reports an accessibility problem or asks for the survey in another format, as the Act on
// accessibility to digital public services (2018:1937) asks of every statement. At least one way must be given.
public sealed partial record AccessibilityContact
{
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Url { get; init; }

    // Computed for the statement page, never stored nor part of the API (a client generated from it would send them back).
    [JsonIgnore]
    public bool IsEmpty => string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Url);

    // The number as a tel: link dials it: digits and a leading +, nothing else.
    [JsonIgnore]
    public string? PhoneLink => Phone is null ? null : "tel:" + string.Concat(Phone.Where(c => char.IsAsciiDigit(c) || c == '+'));

    // An address a person can read aloud: no scheme, no trailing slash.
    [JsonIgnore]
    public string? UrlText => Url is null ? null : Url["https://".Length..].TrimEnd('/');

    // One @, no spaces, a dot in the domain: the shape of an address, not a promise that it is delivered.
    [GeneratedRegex(@"^[^\s@<>()\[\],;:""]+@[A-Za-z0-9ÅÄÖåäö]([A-Za-z0-9ÅÄÖåäö-]*[A-Za-z0-9ÅÄÖåäö])?(\.[A-Za-z0-9ÅÄÖåäö]([A-Za-z0-9ÅÄÖåäö-]*[A-Za-z0-9ÅÄÖåäö])?)+\z")]
    private static partial Regex EmailPattern();

    // Swedish and international ways of writing a number: "0923-650 00", "+46 923 650 00".
    [GeneratedRegex(@"^\+?[0-9]([0-9 -]*[0-9])?\z")]
    private static partial Regex PhonePattern();

    public static void Validate(AccessibilityContact? contact, Errors errors, string field = "accessibilityContact")
    {
        if (contact is null) return;
        if (contact.IsEmpty)
        {
            errors.Add(field, "Give at least one of email, phone and url, or leave accessibilityContact out to use the site's.");
            return;
        }
        if (contact.Email is { } email && SurveyDefinitionValidator.CheckText(errors, $"{field}.email", email)
            && (email.Length > 254 || !EmailPattern().IsMatch(email)))
            errors.Add($"{field}.email", "Must be an e-mail address such as tillganglighet@kalix.se (at most 254 characters).");
        if (contact.Phone is { } phone && SurveyDefinitionValidator.CheckText(errors, $"{field}.phone", phone)
            && (phone.Length > 30 || !PhonePattern().IsMatch(phone) || phone.Count(char.IsAsciiDigit) < 5))
            errors.Add($"{field}.phone", "Must be a telephone number of digits, spaces, '-' and a leading '+', such as 0923-650 00 or +46 923 650 00.");
        if (contact.Url is { } url && SurveyDefinitionValidator.CheckText(errors, $"{field}.url", url) && !IsHttpsUrl(url))
            errors.Add($"{field}.url", "Must be an https address such as https://www.kalix.se/tillganglighet (at most 300 characters, no spaces).");
    }

    private static bool IsHttpsUrl(string url) =>
        url.Length <= 300 && !url.Any(char.IsWhiteSpace)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0
        && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(uri.UserInfo);
}
