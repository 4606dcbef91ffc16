using MassTransit;
using Microsoft.Extensions.Options;
using Polly.Retry;
using Polly.Timeout;
using Polly;
using Survey.Contracts;

namespace Survey.Intake.Responses;

public sealed class BrokerUnavailableException(Exception inner)
    : Exception("The message broker did not confirm the response.", inner);

// Publishes an accepted response and returns only when it is durable: confirmed by RabbitMQ, or
// (embedded) committed by the in-process consumer. A short, bounded retry rides out a broker
// blip; after that the caller answers 503 and the resident's page retries with the same id.
public sealed class ResponsePublisher(IPublishEndpoint publish, PublishRetry retry)
{
    public async Task PublishAsync(SurveyResponseSubmitted response, CancellationToken ct)
    {
        try
        {
            await retry.Pipeline.ExecuteAsync(
                async token => await publish.Publish(response, MarkMandatory, token), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new BrokerUnavailableException(e);
        }
    }

    // Mandatory: if no queue is bound to the exchange (the worker has never declared its queue),
    // RabbitMQ returns the message and the publish fails, instead of confirming and dropping it.
    private static void MarkMandatory(PublishContext<SurveyResponseSubmitted> context)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            rabbit.Mandatory = true;
    }
}

// The bounded retry, built once: building a Polly pipeline validates its options under a lock,
// and a profile of the intake under load showed threads queueing there when it was built per request.
public sealed class PublishRetry(IOptions<IntakeOptions> options)
{
    public ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.Value.PublishAttempts - 1,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .AddTimeout(options.Value.PublishAttemptTimeout)
        .Build();
}
