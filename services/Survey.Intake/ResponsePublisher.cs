using MassTransit;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Survey.Contracts;

namespace Survey.Intake;

public sealed class BrokerUnavailableException(Exception inner)
    : Exception("The message broker did not confirm the response.", inner);

/// <summary>
/// Publishes an accepted response and returns only when it is durable: confirmed by RabbitMQ, or
/// (embedded) committed by the in-process consumer. A short, bounded retry rides out a broker
/// blip; after that the caller answers 503 and the resident's page retries with the same id.
/// </summary>
public sealed class ResponsePublisher
{
    private readonly IPublishEndpoint _publish;
    private readonly ResiliencePipeline _pipeline;

    public ResponsePublisher(IPublishEndpoint publish, IOptions<IntakeOptions> options)
    {
        _publish = publish;
        var o = options.Value;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = o.PublishAttempts - 1,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddTimeout(o.PublishAttemptTimeout)
            .Build();
    }

    public async Task PublishAsync(SurveyResponseSubmitted response, CancellationToken ct)
    {
        try
        {
            await _pipeline.ExecuteAsync(
                async token => await _publish.Publish(response, MarkMandatory, token), ct);
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
