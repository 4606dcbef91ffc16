using Microsoft.Extensions.Logging;
using Survey.Contracts;
using Survey.Domain.Questions;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;
using Survey.Intake.Invitations;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.Intake.Responses;

public enum SubmissionOutcome { Accepted, Invalid, Unavailable }

public sealed record SubmissionResult(SubmissionOutcome Outcome, Guid ResponseId, Errors Errors);

// What every way of answering shares (the JSON API and the plain form): check, scrub, publish durably.
public sealed class ResponseSubmission(
    ResponsePublisher publisher, IInvitationRedeemer invitations, TimeProvider clock, SurveyMetrics metrics, ILogger<ResponseSubmission> logger)
{
    public async Task<SubmissionResult> SubmitAsync(SurveyDefinition survey, ResponseAnswer answer, Errors errors, CancellationToken ct)
    {
        errors.AddRange(ResponseValidator.Validate(answer, survey));
        // The receipt names the id the client chose (or the one made for it); the answer is stored under ResponseIds.Stored.
        var id = answer.ResponseId ?? Guid.CreateVersion7();
        var stored = answer.ResponseId is { } chosen ? ResponseIds.Stored(survey.Slug, chosen) : id;
        if (survey.InvitationOnly && string.IsNullOrWhiteSpace(answer.InvitationCode))
            errors.Add("invitationCode", "This survey is answered with the code from your invitation.");
        if (!errors.IsEmpty) return new SubmissionResult(SubmissionOutcome.Invalid, id, errors);

        // The code is spent before the answer is published and given back if the answer cannot be
        // accepted; it never travels with the answer, so a code cannot be traced to what was said.
        var code = survey.InvitationOnly ? answer.InvitationCode! : null;
        if (code is not null)
        {
            InvitationState state;
            try
            {
                state = await invitations.RedeemAsync(survey.Slug, code, ct);
            }
            catch (HttpRequestException e)
            {
                logger.LogError(e, "Invitation code for {Survey} could not be checked", survey.Slug);
                return new SubmissionResult(SubmissionOutcome.Unavailable, id, errors);
            }
            if (state != InvitationState.Redeemed)
            {
                errors.Add("invitationCode", state == InvitationState.AlreadyUsed
                    ? "This code has been used already: each code answers once."
                    : "There is no such code for this survey. Check it against your invitation.");
                return new SubmissionResult(SubmissionOutcome.Invalid, id, errors);
            }
        }

        var message = new SurveyResponseSubmitted
        {
            ResponseId = stored,
            SurveySlug = survey.Slug,
            MunicipalityCode = survey.MunicipalityCode,
            ReceivedAt = clock.GetUtcNow(),
            Language = answer.Language,
            Channel = answer.Channel,
            Answers = LocalQuestions.ToMessage(answer.Answers, survey),
        };
        message = StandardQuestions.Carry(answer, message, FreeTextScrubber.Scrub);
        try
        {
            await publisher.PublishAsync(message, ct);
            metrics.Accepted();
            return new SubmissionResult(SubmissionOutcome.Accepted, id, errors);
        }
        catch (BrokerUnavailableException e)
        {
            logger.LogError(e.InnerException, "Response {ResponseId} for {Survey} not accepted: it could not be made durable", stored, survey.Slug);
            if (code is not null) await invitations.ReleaseAsync(survey.Slug, code, CancellationToken.None);
            return new SubmissionResult(SubmissionOutcome.Unavailable, id, errors);
        }
    }
}
