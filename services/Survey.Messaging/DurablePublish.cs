using MassTransit;
using Polly;
using Polly.Retry;

namespace Survey.Messaging;

// Publishing so that "accepted" means durable: confirmed by RabbitMQ (publisher confirms), or in the embedded host
// committed by the in-process consumer, with a short bounded retry that rides out a broker blip. Intake publishes
// responses and the Staff API dialogues through it.
public static class DurablePublish
{
    // The bounded retry: build it once per host and keep it (building a Polly pipeline validates its options under a lock,
    // and a profile of the intake under load showed threads queueing there when it was built per request).
    public static ResiliencePipeline Retry(int attempts, TimeSpan attemptTimeout) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, attempts) - 1,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .AddTimeout(attemptTimeout)
        .Build();

    public static async Task PublishMandatoryAsync<T>(this IPublishEndpoint publish, T message, ResiliencePipeline retry, CancellationToken ct)
        where T : class =>
        await retry.ExecuteAsync(async token => await publish.Publish(message, MarkMandatory, token), ct);

    // Mandatory: if no queue is bound to the exchange (the worker has never declared its queue), RabbitMQ returns the
    // message and the publish fails, instead of confirming and dropping it.
    private static void MarkMandatory<T>(PublishContext<T> context) where T : class
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            rabbit.Mandatory = true;
    }
}
