using Microsoft.Extensions.Logging;
using Survey.Contracts;
using Survey.Domain.Responses;
using Survey.Domain.Surveys;

namespace Survey.Intake;

public enum SubmissionOutcome { Accepted, Invalid, Unavailable }

public sealed record SubmissionResult(SubmissionOutcome Outcome, Guid ResponseId, Errors Errors);

/// <summary>What every way of answering shares (the JSON API and the plain form): check, scrub, publish durably.</summary>
public sealed class ResponseSubmission(ResponsePublisher publisher, TimeProvider clock, ILogger<ResponseSubmission> logger)
{
    public async Task<SubmissionResult> SubmitAsync(SurveyDefinition survey, ResponseAnswer answer, Errors errors, CancellationToken ct)
    {
        errors.AddRange(ResponseValidator.Validate(answer, survey));
        var id = answer.ResponseId ?? Guid.CreateVersion7();
        if (!errors.IsEmpty) return new SubmissionResult(SubmissionOutcome.Invalid, id, errors);

        var message = new SurveyResponseSubmitted
        {
            ResponseId = id,
            SurveySlug = survey.Slug,
            MunicipalityCode = survey.MunicipalityCode,
            ReceivedAt = clock.GetUtcNow(),
            Language = answer.Language,
            Channel = answer.Channel,
            Concerns = answer.Concerns,
            Priorities = answer.Priorities,
            Safety = answer.Safety,
            Area = answer.Area,
            AgeGroup = answer.AgeGroup,
            Gender = answer.Gender,
            FreeText = FreeTextScrubber.Scrub(answer.FreeText),
        };
        try
        {
            await publisher.PublishAsync(message, ct);
            return new SubmissionResult(SubmissionOutcome.Accepted, id, errors);
        }
        catch (BrokerUnavailableException e)
        {
            logger.LogError(e.InnerException, "Response {ResponseId} for {Survey} not accepted: it could not be made durable", id, survey.Slug);
            return new SubmissionResult(SubmissionOutcome.Unavailable, id, errors);
        }
    }
}
