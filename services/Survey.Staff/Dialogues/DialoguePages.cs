using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Survey.Domain.Surveys;
using Survey.Staff.Access;
using Survey.Staff.Dashboard;
using Survey.Store;

namespace Survey.Staff.Dialogues;

// /staff/surveys/{slug}/dialoger: the form to record a dialogue at the meeting (a phone is enough), and the survey's
// dialogues with a link to correct each. Plain HTML that works without JavaScript; with it, a button fills in the position.
public static class DialoguePages
{
    public static IEndpointRouteBuilder MapDialoguePages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/staff/surveys/{slug}/dialoger").ExcludeFromDescription();

        pages.MapGet("/", async (string slug, Guid? dialog, Guid? sparad, HttpContext http, ISurveyStore surveys, IDialogueStore store,
                IAuthorizationService authorization, TimeProvider clock, CancellationToken ct) =>
            {
                if (await surveys.FindAsync(slug, ct) is not { } survey) return NoSurvey(slug);
                if (!http.User.CanSee(survey.MunicipalityCode)) return NotGranted(survey);
                var list = await store.ListAsync(survey.Slug, ct);
                var form = dialog is { } id && list.FirstOrDefault(d => d.DialogueId == id) is { } earlier
                    ? DialogueForm.From(earlier)
                    : DialogueForm.Empty(clock);
                return Page(survey, list, form, await MayRecordAsync(http.User, authorization), [], sparad, null, StatusCodes.Status200OK);
            })
            .RequireAuthorization(StaffPolicies.DialogueReader);

        // A POST is never authenticated by the session cookie (StaffAccess): the session is read here, for this form only,
        // and the antiforgery token (made for the signed-in user) shows that the post came from our page.
        pages.MapPost("/", async (string slug, HttpContext http, ISurveyStore surveys, IDialogueStore store, DialogueRecording recording,
                IAntiforgery antiforgery, IAuthorizationService authorization, IOptions<DialogueOptions> options, CancellationToken ct) =>
            {
                var session = await http.AuthenticateAsync(StaffAccess.SessionScheme);
                if (session.Principal is not { } user)
                    return Results.Redirect(StaffSignIn.Login + "?returnUrl=" + Uri.EscapeDataString($"/staff/surveys/{slug}/dialoger"));
                http.User = user;
                if (!http.Request.HasFormContentType || !await IsFromOurFormAsync(http, antiforgery))
                    return StaffSignIn.Message("Formuläret godtogs inte",
                        "Formuläret kom inte från den här sidan, eller så var sidan för gammal. Ladda om sidan och försök igen.",
                        StatusCodes.Status400BadRequest);
                if (!await MayRecordAsync(user, authorization))
                    return StaffSignIn.Refused("Din roll ger inte tillgång till att registrera dialoger. Det kräver rollen dialog eller admin.");
                if (await surveys.FindAsync(slug, ct) is not { } survey) return NoSurvey(slug);
                if (!user.CanSee(survey.MunicipalityCode)) return NotGranted(survey);

                var form = DialogueForm.Read(await http.Request.ReadFormAsync(ct), survey);
                var (request, unreadable) = form.ToRequest();
                var outcome = await recording.RecordAsync(survey, request, ct);
                var fields = unreadable.Concat(outcome.Errors?.ToDictionary().Keys ?? []).Distinct().ToList();
                if (fields.Count > 0)
                    return Page(survey, await store.ListAsync(survey.Slug, ct), form, true,
                        fields.ToDictionary(f => DialogueForm.InputId(f), DialogueForm.Swedish), null, null, StatusCodes.Status400BadRequest);
                if (outcome.Unavailable)
                {
                    http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Page(survey, await store.ListAsync(survey.Slug, ct), form, true, [], null,
                        "Dialogen kunde inte sparas just nu eftersom tjänsten inte når meddelandekön. Det du skrev finns kvar: försök igen om en stund.",
                        StatusCodes.Status503ServiceUnavailable);
                }
                // Post/redirect/get: a reload of the confirmation does not send the dialogue again.
                return Results.Redirect($"/staff/surveys/{Uri.EscapeDataString(survey.Slug)}/dialoger?sparad={outcome.DialogueId}", preserveMethod: false);
            })
            .DisableAntiforgery(); // validated above, so that a refusal is a page that says what to do
        return app;
    }

    private static IResult Page(SurveyDefinition survey, IReadOnlyList<Survey.Contracts.DialogueRecorded> list, DialogueForm form, bool mayRecord,
        Dictionary<string, string> errors, Guid? saved, string? failure, int status) =>
        StaffSignIn.Page<DialoguePage>(new
        {
            Survey = survey,
            Dialogues = list,
            Form = form,
            MayRecord = mayRecord,
            Errors = errors,
            Saved = saved,
            Failure = failure,
        }, status);

    private static async Task<bool> MayRecordAsync(ClaimsPrincipal user, IAuthorizationService authorization) =>
        (await authorization.AuthorizeAsync(user, StaffPolicies.Dialog)).Succeeded;

    private static async Task<bool> IsFromOurFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException)
        {
            return false;
        }
    }

    private static IResult NoSurvey(string slug) =>
        StaffSignIn.Page<StaffMessage>(new { Title = "Enkäten finns inte", Message = $"Det finns ingen enkät med koden {slug}." },
            StatusCodes.Status404NotFound);

    private static IResult NotGranted(SurveyDefinition survey) =>
        StaffSignIn.Refused($"Du har inte tillgång till uppgifter för {Dashboard.Dashboard.MunicipalityName(survey.MunicipalityCode)} kommun.");
}
