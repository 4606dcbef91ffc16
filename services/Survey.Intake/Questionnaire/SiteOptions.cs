using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Survey.Domain.Surveys;

namespace Survey.Intake.Questionnaire;

// Settings for every survey this service shows, under "Site" in configuration.
public sealed class SiteOptions
{
    // The accessibility contact of a survey that names none of its own (Site:AccessibilityContact:Email, :Phone, :Url).
    public AccessibilityContact? AccessibilityContact { get; set; }

    // A blank setting is an unset one (an environment variable set to "" is common in container files).
    public AccessibilityContact? Contact =>
        AccessibilityContact is { } c && Blank(c.Email) is var email && Blank(c.Phone) is var phone && Blank(c.Url) is var url
        && (email ?? phone ?? url) is not null
            ? new AccessibilityContact { Email = email, Phone = phone, Url = url }
            : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void Register(IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration("Site").ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiteOptions>, Validator>();
    }

    // The same rules as a survey's own contact, so that a typo in the setting stops the service at start, named, rather
    // than showing residents an address that cannot work.
    private sealed class Validator : IValidateOptions<SiteOptions>
    {
        public ValidateOptionsResult Validate(string? name, SiteOptions options)
        {
            var errors = new Errors();
            AccessibilityContact.Validate(options.Contact, errors, "Site:AccessibilityContact");
            return errors.IsEmpty
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(errors.ToDictionary().Select(e => $"{Setting(e.Key)}: {string.Join(" ", e.Value)}"));
        }

        // "Site:AccessibilityContact.email" → "Site:AccessibilityContact:Email", as the setting is written.
        private static string Setting(string field) =>
            field.Split('.') is [var section, var member] ? $"{section}:{char.ToUpperInvariant(member[0])}{member[1..]}" : field;
    }
}
