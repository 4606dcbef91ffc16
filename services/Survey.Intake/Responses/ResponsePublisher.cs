using MassTransit;
using Microsoft.Extensions.Options;
using Polly;
using Survey.Contracts;
using Survey.Messaging;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.Intake.Responses;

public sealed class BrokerUnavailableException(Exception inner)
    : Exception("The message broker did not confirm the response.", inner);

// Publishes an accepted response and returns only when it is durable (DurablePublish); after the bounded retry the
// caller answers 503 and the resident's page retries with the same id. On RabbitMQ responses are grouped with others
// arriving at the same moment (GroupedResponsePublisher); in the embedded host the in-process publish commits each.
public sealed class ResponsePublisher(IPublishEndpoint publish, PublishRetry retry, SurveyMetrics metrics, GroupedResponsePublisher? grouped = null)
{
    public async Task PublishAsync(SurveyResponseSubmitted response, CancellationToken ct)
    {
        var started = metrics.PublishStarted();
        try
        {
            if (grouped is not null)
                await grouped.PublishAsync(response, ct);
            else
                await publish.PublishMandatoryAsync(response, retry.Pipeline, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new BrokerUnavailableException(e);
        }
        finally
        {
            metrics.PublishEnded(started);
        }
    }
}

// Intake's bounded retry, built once.
public sealed class PublishRetry(IOptions<IntakeOptions> options)
{
    public ResiliencePipeline Pipeline { get; } = DurablePublish.Retry(options.Value.PublishAttempts, options.Value.PublishAttemptTimeout);
}
